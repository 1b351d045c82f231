using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MailScan.Coordinator.Batches;

/// <summary>
/// The domains of one coordinator that wait on strict mail servers only: each gives its slot of
/// <c>Scan:DomainConcurrency</c> up, so the rest of the batch goes past it (at most
/// <paramref name="max"/> at a time; past that a domain keeps its slot), and the store holds this
/// coordinator's count per batch for <c>GetBatch</c> and the progress line.
/// </summary>
internal sealed partial class StrictServerWaits(IBatchStore store, string owner, int max, BatchWakeUp wakeUp, ILogger logger) : IDisposable
{
    /// <summary>How many domains waiting on strict servers may be in flight per slot of <c>Scan:DomainConcurrency</c>.</summary>
    public const int PerSlot = 10;

    private readonly ConcurrentDictionary<string, long> _perBatch = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _publishing = new(1, 1);
    private int _count;

    /// <summary>Domains that gave their slot up.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>A domain now waits on strict servers only: its slot goes to the next domain (true), unless too many wait already.</summary>
    public bool Park(string batchId)
    {
        if (Interlocked.Increment(ref _count) > max)
        {
            Interlocked.Decrement(ref _count);
            return false;
        }
        _perBatch.AddOrUpdate(batchId, 1, (_, n) => n + 1);
        _ = PublishAsync(batchId);
        wakeUp.Wake();
        return true;
    }

    /// <summary>A domain that gave its slot up is done waiting.</summary>
    public async Task UnparkAsync(string batchId)
    {
        Interlocked.Decrement(ref _count);
        _perBatch.AddOrUpdate(batchId, 0, (_, n) => n - 1);
        await PublishAsync(batchId).ConfigureAwait(false);
    }

    /// <summary>Writes this coordinator's count for the batch, one write at a time, so the last one written is the newest.</summary>
    private async Task PublishAsync(string batchId)
    {
        await _publishing.WaitAsync().ConfigureAwait(false);
        try
        {
            await store.SetWaitingOnStrictServersAsync(batchId, owner, _perBatch.GetValueOrDefault(batchId), CancellationToken.None).ConfigureAwait(false);
            _perBatch.TryRemove(new KeyValuePair<string, long>(batchId, 0));
        }
        catch (Exception ex)
        {
            // Only the count GetBatch shows is off until the next change; the scans go on.
            LogPublishFault(logger, batchId, ex.Message);
        }
        finally
        {
            _publishing.Release();
        }
    }

    public void Dispose() => _publishing.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "batch {BatchId}: the count of domains waiting on strict servers was not stored: {Message}")]
    private static partial void LogPublishFault(ILogger logger, string batchId, string message);
}
