namespace MailScan.Coordinator.Batches;

/// <summary>A batch request that cannot be served, with the kind of problem and one line for the client.</summary>
public sealed class BatchRequestException(BatchProblem problem, string message) : Exception(message)
{
    public BatchProblem Problem { get; } = problem;
}
