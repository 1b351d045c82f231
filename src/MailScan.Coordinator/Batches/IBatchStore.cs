namespace MailScan.Coordinator.Batches;

/// <summary>
/// Batch state and the result log: where batches live so that a coordinator can stop and
/// another (or the same, restarted) carries on. In memory for one process, in Redis for a cluster.
/// Every domain enters the log exactly once, whoever scans it and however often.
/// </summary>
public interface IBatchStore
{
    /// <summary>Creates a running batch of the given entries (see <see cref="BatchEntry"/>, de-duplicated already), kept with the name of the key that owns it.</summary>
    Task<BatchRecord> CreateAsync(string owner, string label, IReadOnlyList<string> entries, CancellationToken cancellationToken);

    /// <summary>The batch, or null when the id is unknown.</summary>
    Task<BatchRecord?> GetAsync(string batchId, CancellationToken cancellationToken);

    /// <summary>The batches of an owner, newest first: at most <paramref name="max"/> (0: all it keeps, up to <see cref="MaxListed"/>).</summary>
    Task<IReadOnlyList<BatchRecord>> ListAsync(string owner, int max, CancellationToken cancellationToken);

    /// <summary>How many of an owner's batches a store lists at most: the newest, so the index of them stays bounded.</summary>
    public const int MaxListed = 1000;

    /// <summary>Ids of the batches that still have domains to scan.</summary>
    Task<IReadOnlyList<string>> RunningAsync(CancellationToken cancellationToken);

    /// <summary>Takes up to <paramref name="count"/> waiting entries for <paramref name="owner"/> until the lease ends.</summary>
    Task<IReadOnlyList<string>> ClaimAsync(string batchId, string owner, int count, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Logs a domain's report; false when the domain was reported before (nothing is logged twice).</summary>
    Task<bool> CompleteAsync(string batchId, string entry, byte[] report, bool failed, CancellationToken cancellationToken);

    /// <summary>How many domains of the batch that <paramref name="owner"/> scans wait on strict mail servers now (each coordinator sets its own count).</summary>
    Task SetWaitingOnStrictServersAsync(string batchId, string owner, long count, CancellationToken cancellationToken);

    /// <summary>Hands a claimed entry back without a result (its scan was interrupted).</summary>
    Task ReleaseAsync(string batchId, string entry, CancellationToken cancellationToken);

    /// <summary>Puts back to waiting the entries in flight whose lease ended, or that <paramref name="owner"/> held; returns how many.</summary>
    Task<long> RequeueAsync(string batchId, string? owner, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Results after a cursor, oldest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<LoggedResult>> ReadAsync(string batchId, long afterCursor, int max, CancellationToken cancellationToken);

    /// <summary>Cancels a running batch (a finished one stays as it is); null when the id is unknown.</summary>
    Task<BatchRecord?> CancelAsync(string batchId, CancellationToken cancellationToken);
}
