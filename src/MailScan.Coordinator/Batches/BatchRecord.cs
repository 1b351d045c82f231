namespace MailScan.Coordinator.Batches;

/// <summary>
/// The counts of a batch as its store keeps them; <see cref="Owner"/> is the name of the API key that
/// submitted it ("" without keys); <see cref="WaitingOnStrictServers"/> counts the domains in flight
/// whose only unfinished work waits on strict mail servers (let past by the rest of the batch).
/// </summary>
public sealed record BatchRecord(
    string Id,
    string Owner,
    string Label,
    BatchPhase Phase,
    long Total,
    long Done,
    long Failed,
    long InFlight,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    long WaitingOnStrictServers = 0)
{
    /// <summary>Domains not started yet.</summary>
    public long Pending => Math.Max(0, Total - Done - InFlight);

    /// <summary>The cursor of the newest result: results are numbered 1, 2, 3, ... as they are logged.</summary>
    public long LastCursor => Done;
}
