namespace MailScan.Coordinator.Access;

/// <summary>
/// A batch let in under a key's quotas, until it is created: <see cref="CommitAsync"/> records it as
/// running for the key; disposed without that (the batch was refused after all), its names are refunded.
/// Holds the key's admission turn until then, so two submissions cannot both take the last slot.
/// Only a key with a running-batches limit has its batches recorded: that limit is what bounds the
/// record, and without it nothing would ever read or prune it.
/// </summary>
public sealed class QuotaAdmission(IQuotaLedger ledger, string keyName, DateOnly day, long names, SemaphoreSlim turn, bool recordBatch) : IAsyncDisposable
{
    private bool _committed;
    private bool _disposed;

    public async Task CommitAsync(string batchId, CancellationToken cancellationToken)
    {
        if (recordBatch)
            await ledger.AddBatchAsync(keyName, batchId, cancellationToken).ConfigureAwait(false);
        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        try
        {
            if (!_committed)
                await ledger.RefundNamesAsync(keyName, day, names, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            turn.Release();
        }
    }
}
