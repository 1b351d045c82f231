namespace MailScan.Worker.Queues;

/// <summary>How many consumers the broker has on each of some queues right now.</summary>
public interface IQueueConsumerCounts
{
    /// <summary>Consumers per queue; a queue that does not exist has none.</summary>
    Task<IReadOnlyDictionary<string, int>> CountAsync(IReadOnlyCollection<string> queues, CancellationToken cancellationToken);
}
