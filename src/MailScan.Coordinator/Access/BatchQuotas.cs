using System.Collections.Concurrent;
using System.Globalization;
using MailScan.Coordinator.Batches;
using MailScan.Telemetry;

namespace MailScan.Coordinator.Access;

/// <summary>
/// The quotas of a key on what it submits: batches running at once, and names per calendar day
/// (UTC, reset at 00:00 UTC). A refusal is a <see cref="BatchProblem.OverQuota"/> saying which
/// quota and when it frees up. Submissions of one key are admitted one at a time in this process;
/// across coordinators the running-batches check may let one extra batch through per coordinator
/// (the name count is exact everywhere: one atomic step in the ledger).
/// </summary>
public sealed class BatchQuotas(IQuotaLedger ledger, IBatchStore store, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _admitting = new(StringComparer.Ordinal);

    /// <summary>Admits a batch of <paramref name="names"/> names: checks the running batches, charges the names; the admission records the batch or refunds.</summary>
    /// <exception cref="BatchRequestException">Over a quota.</exception>
    public async Task<QuotaAdmission> AdmitBatchAsync(ApiKey key, long names, CancellationToken cancellationToken)
    {
        var gate = _admitting.GetOrAdd(key.Name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (key.MaxConcurrentBatches > 0)
            {
                var running = await RunningBatchesAsync(key, cancellationToken).ConfigureAwait(false);
                if (running >= key.MaxConcurrentBatches)
                    throw OverQuota(key,
                        $"API key '{key.Name}' has {running} batches running, its limit (MaxConcurrentBatches); a new one may start when one of them finishes or is cancelled");
            }
            var day = await ChargeAsync(key, names, cancellationToken).ConfigureAwait(false);
            return new QuotaAdmission(ledger, key.Name, day, names, gate, recordBatch: key.MaxConcurrentBatches > 0);
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    /// <summary>Charges the names of a single-domain scan to the key's day.</summary>
    /// <exception cref="BatchRequestException">Over the names-per-day quota.</exception>
    public Task ChargeScanAsync(ApiKey key, CancellationToken cancellationToken) => ChargeAsync(key, 1, cancellationToken);

    private async Task<DateOnly> ChargeAsync(ApiKey key, long names, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        var charge = await ledger.ChargeNamesAsync(key.Name, day, names, key.MaxNamesPerDay, cancellationToken).ConfigureAwait(false);
        if (!charge.Granted)
        {
            var reset = day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
            throw OverQuota(key,
                $"API key '{key.Name}' may submit {key.MaxNamesPerDay} names per UTC day (MaxNamesPerDay) and has used {charge.UsedToday} today; {names} more would pass it; the count resets at {reset}");
        }
        return day;
    }

    private static BatchRequestException OverQuota(ApiKey key, string message)
    {
        MailScanMetrics.ApiCall(key.Name, "over_quota");
        return new BatchRequestException(BatchProblem.OverQuota, message);
    }

    /// <summary>The key's batches still running; those finished, cancelled or expired are forgotten on the way.</summary>
    private async Task<int> RunningBatchesAsync(ApiKey key, CancellationToken cancellationToken)
    {
        var running = 0;
        var ended = new List<string>();
        foreach (var id in await ledger.BatchesAsync(key.Name, cancellationToken).ConfigureAwait(false))
        {
            if ((await store.GetAsync(id, cancellationToken).ConfigureAwait(false))?.Phase == BatchPhase.Running)
                running++;
            else
                ended.Add(id);
        }
        await ledger.ForgetBatchesAsync(key.Name, ended, cancellationToken).ConfigureAwait(false);
        return running;
    }
}
