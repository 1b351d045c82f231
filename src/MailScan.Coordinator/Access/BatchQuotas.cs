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

    /// <summary>
    /// What the key had used today as a submission opens (null: no daily limit), so that the chunk
    /// passing the limit is refused at once rather than after the whole stream was held in memory;
    /// <see cref="AdmitBatchAsync"/> still charges atomically at the end.
    /// </summary>
    public async Task<DailyNames?> DailyNamesAsync(ApiKey key, CancellationToken cancellationToken)
    {
        if (key.MaxNamesPerDay <= 0)
            return null;
        var day = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var charge = await ledger.ChargeNamesAsync(key.Name, day, 0, key.MaxNamesPerDay, cancellationToken).ConfigureAwait(false);
        return new DailyNames(day, charge.UsedToday);
    }

    /// <summary>Refuses a submission whose names so far pass what the key had left today.</summary>
    /// <exception cref="BatchRequestException">Over the names-per-day quota.</exception>
    public static void CheckDailyNames(ApiKey key, DailyNames? daily, long collected)
    {
        if (daily is { } used && used.UsedToday + collected > key.MaxNamesPerDay)
            throw OverDailyNames(key, used.UsedToday, collected, used.Day);
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
            throw OverDailyNames(key, charge.UsedToday, names, day);
        return day;
    }

    private static BatchRequestException OverDailyNames(ApiKey key, long usedToday, long names, DateOnly day)
    {
        var reset = day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
        return OverQuota(key,
            $"API key '{key.Name}' may submit {key.MaxNamesPerDay} names per UTC day (MaxNamesPerDay) and has used {usedToday} today; {names} more would pass it; the count resets at {reset}");
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

/// <summary>A key's count of names on one UTC day.</summary>
public sealed record DailyNames(DateOnly Day, long UsedToday);
