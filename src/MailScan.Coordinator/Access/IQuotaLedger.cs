namespace MailScan.Coordinator.Access;

/// <summary>
/// What each key has used: its names per UTC day and its batches that may still run. In memory for
/// one process, in Redis for a cluster (so the counts hold across coordinators and restarts).
/// </summary>
public interface IQuotaLedger
{
    /// <summary>Adds <paramref name="names"/> to the key's count of the day unless that passes <paramref name="limit"/> (0: none); returns whether it did and the count after.</summary>
    Task<NameCharge> ChargeNamesAsync(string keyName, DateOnly day, long names, long limit, CancellationToken cancellationToken);

    /// <summary>Takes back names charged for a batch that was not created after all.</summary>
    Task RefundNamesAsync(string keyName, DateOnly day, long names, CancellationToken cancellationToken);

    /// <summary>The batches recorded for the key that have not been forgotten yet.</summary>
    Task<IReadOnlyList<string>> BatchesAsync(string keyName, CancellationToken cancellationToken);

    Task AddBatchAsync(string keyName, string batchId, CancellationToken cancellationToken);

    /// <summary>Forgets batches that no longer run.</summary>
    Task ForgetBatchesAsync(string keyName, IReadOnlyCollection<string> batchIds, CancellationToken cancellationToken);
}
