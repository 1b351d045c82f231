using System.Collections.Concurrent;
using Google.Protobuf;
using MailScan.Checks.Options;
using MailScan.Checks.Scanning;
using MailScan.Coordinator.Reports;
using MailScan.Redis;
using MailScan.Redis.Hosting;
using MailScan.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using V1 = MailScan.Contracts.V1;

namespace MailScan.Coordinator.Batches;

/// <summary>
/// Scans the domains of running batches: claims waiting domains from the store (a lease, so a
/// crashed coordinator's domains go back to waiting), scans them with the domain scanner and
/// logs each report once. Runs in every coordinator; they share the work through the store.
/// A domain whose only unfinished work waits on a strict mail server gives its slot up
/// (<see cref="StrictServerWaits"/>): the rest of the batch goes past it, and it
/// is reported when that server's evaluation completes or its budget runs out.
/// </summary>
public sealed partial class BatchRunner(
    IBatchStore store,
    DomainScanner scanner,
    BatchWakeUp wakeUp,
    IOptions<MailScanOptions> options,
    IOptions<ClusterOptions> cluster,
    ScanPressure pressure,
    TimeProvider time,
    ILogger<BatchRunner> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LeaseCheck = TimeSpan.FromSeconds(5);
    private readonly AdaptiveLimit _concurrency = new(options.Value.Scan.DomainLimit(), time, "domains",
        backlog: () => pressure.QueuedProbes, failedFurtherDown: pressure.TakeResolverTimeoutShare);
    private readonly StrictServerWaits _strictWaits = new(store, OwnerOf(cluster.Value), options.Value.Scan.DomainConcurrency * StrictServerWaits.PerSlot, wakeUp, logger);
    private readonly TimeSpan _lease = ScanTimeLimits.Domain(options.Value) + TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _batchStops = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, bool> _scans = new();

    /// <summary>Domains holding a slot: those scanning, less those parked on strict servers.</summary>
    private int InFlight => _scans.Count - _strictWaits.Count;

    /// <summary>The domains this runner may have in flight now (<c>Scan:DomainConcurrency</c>, moved by latency when adaptive).</summary>
    public int DomainLimit => _concurrency.Current;

    /// <summary>The name of this coordinator's claims (Cluster:CoordinatorId, else the host name).</summary>
    public string Owner { get; } = OwnerOf(cluster.Value);

    private static string OwnerOf(ClusterOptions cluster) =>
        string.IsNullOrWhiteSpace(cluster.CoordinatorId) ? Environment.MachineName : cluster.CoordinatorId;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextLeaseCheck = DateTimeOffset.MinValue;
        try
        {
            await RequeueAsync(Owner, stoppingToken).ConfigureAwait(false);
            while (!stoppingToken.IsCancellationRequested)
            {
                if (time.GetUtcNow() >= nextLeaseCheck)
                {
                    await RequeueAsync(null, stoppingToken).ConfigureAwait(false);
                    nextLeaseCheck = time.GetUtcNow() + LeaseCheck;
                }
                if (await TryStartScansAsync(stoppingToken).ConfigureAwait(false) == 0)
                    await WaitForWorkAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the scans below hand their domains back.
        }
        await Task.WhenAll(_scans.Keys).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts what it can; a store that cannot be reached (Redis restarting, failing over) starts
    /// nothing this round, and the runner looks again at the next poll instead of stopping the process.
    /// </summary>
    private async Task<int> TryStartScansAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await StartScansAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisRetry.IsOutage(ex))
        {
            LogStoreFault(logger, "*", "*", ex.Message);
            return 0;
        }
    }

    /// <summary>Claims domains for the free slots, a few from each running batch in turn, and starts their scans.</summary>
    private async Task<int> StartScansAsync(CancellationToken stoppingToken)
    {
        var free = _concurrency.Current - InFlight;
        if (free <= 0)
            return 0;
        var running = await store.RunningAsync(stoppingToken).ConfigureAwait(false);
        await StopCancelledAsync(running).ConfigureAwait(false);
        var started = 0;
        foreach (var batchId in running)
        {
            var share = Math.Max(1, free / running.Count);
            var claimed = await store.ClaimAsync(batchId, Owner, Math.Min(share, free - started), time.GetUtcNow() + _lease, stoppingToken).ConfigureAwait(false);
            var batchStop = BatchStop(batchId);
            foreach (var entry in claimed)
            {
                var scanStarted = time.GetTimestamp();
                var scan = ScanAsync(batchId, entry, batchStop.Token, stoppingToken);
                _scans[scan] = true;
                _ = scan.ContinueWith(t =>
                {
                    // The domain's time tells the limit whether domains queue for something; a free slot: claim the next domain now, not at the next poll.
                    _concurrency.Record(time.GetElapsedTime(scanStarted), !t.IsCompletedSuccessfully || t.Result != false, InFlight);
                    _scans.TryRemove(t, out _);
                    wakeUp.Wake();
                }, TaskScheduler.Default);
            }
            started += claimed.Count;
            if (started >= free)
                break;
        }
        return started;
    }

    /// <summary>The stop of a batch this runner scans domains of; the first claim makes the batch active here.</summary>
    private CancellationTokenSource BatchStop(string batchId)
    {
        if (_batchStops.TryGetValue(batchId, out var stop))
            return stop;
        var fresh = new CancellationTokenSource();
        if (_batchStops.TryAdd(batchId, fresh))
        {
            MailScanMetrics.BatchStarted();
            return fresh;
        }
        fresh.Dispose();
        return _batchStops[batchId];
    }

    /// <summary>Waits for a reason to look again: a scan ended, a batch was submitted here, or the poll (batches of other coordinators).</summary>
    private Task WaitForWorkAsync(CancellationToken stoppingToken) => wakeUp.WaitAsync(Poll, time, stoppingToken);

    private async Task StopCancelledAsync(IReadOnlyList<string> running)
    {
        foreach (var (batchId, stop) in _batchStops)
        {
            if (running.Contains(batchId))
                continue;
            if (_batchStops.TryRemove(batchId, out _))
            {
                MailScanMetrics.BatchEnded();
                await stop.CancelAsync().ConfigureAwait(false);
                stop.Dispose();
            }
        }
    }

    /// <summary>Scans and logs one domain; true when it was reported as failed, false when reported, null when not reported here.</summary>
    private async Task<bool?> ScanAsync(string batchId, string entry, CancellationToken batchStop, CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var scanStop = CancellationTokenSource.CreateLinkedTokenSource(batchStop, stoppingToken);
        bool? done = null;
        var parked = 0;
        MailScanMetrics.DomainStarted();
        try
        {
            var (report, failed) = await ReportAsync(entry, () => parked = _strictWaits.Park(batchId) ? 1 : 0, scanStop.Token).ConfigureAwait(false);
            if (Interlocked.Exchange(ref parked, 0) == 1)
                await _strictWaits.UnparkAsync(batchId).ConfigureAwait(false);
            var bytes = report.ToByteArray();
            if (await RedisRetry.RunAsync(() => store.CompleteAsync(batchId, entry, bytes, failed, CancellationToken.None), time, stoppingToken).ConfigureAwait(false))
            {
                done = failed;
                LogReported(logger, batchId, report.Domain, failed);
            }
        }
        catch (OperationCanceledException) when (scanStop.IsCancellationRequested)
        {
            if (!batchStop.IsCancellationRequested)
                await ReleaseAsync(batchId, entry).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The store is unreachable: the lease runs out and the domain is scanned again, never lost.
            LogStoreFault(logger, batchId, BatchEntry.Key(entry), ex.Message);
        }
        finally
        {
            if (Interlocked.Exchange(ref parked, 0) == 1)
                await _strictWaits.UnparkAsync(batchId).ConfigureAwait(false);
            MailScanMetrics.DomainEnded(done);
        }
        return done;
    }

    private async Task<(V1.DomainReport Report, bool Failed)> ReportAsync(string entry, Action waitingOnStrictServers, CancellationToken cancellationToken)
    {
        var domain = BatchEntry.Decode(entry);
        try
        {
            ScanReport? report = null;
            await foreach (var step in scanner.ScanAsync(domain, waitingOnStrictServers, cancellationToken).ConfigureAwait(false))
            {
                if (step is ScanCompleted done)
                    report = done.Report;
            }
            return (ReportMapper.ToProto(report!), false);
        }
        catch (ScanFailedException ex)
        {
            return (ReportMapper.Failed(domain, ex.Message), true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return (ReportMapper.Failed(domain, $"scanner fault: {ex.GetType().Name}: {ex.Message}"), true);
        }
    }

    private async Task ReleaseAsync(string batchId, string entry)
    {
        try
        {
            await RedisRetry.RunAsync(async () =>
            {
                await store.ReleaseAsync(batchId, entry, CancellationToken.None).ConfigureAwait(false);
                return true;
            }, time, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogStoreFault(logger, batchId, BatchEntry.Key(entry), ex.Message);
        }
    }

    private async Task RequeueAsync(string? owner, CancellationToken stoppingToken)
    {
        try
        {
            foreach (var batchId in await store.RunningAsync(stoppingToken).ConfigureAwait(false))
            {
                var back = await store.RequeueAsync(batchId, owner, time.GetUtcNow(), stoppingToken).ConfigureAwait(false);
                if (back > 0)
                    LogRequeued(logger, batchId, back, owner ?? "expired leases");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStoreFault(logger, "*", "*", ex.Message);
        }
    }

    public override void Dispose()
    {
        foreach (var stop in _batchStops.Values)
            stop.Dispose();
        _strictWaits.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "batch {BatchId}: {Domain} reported (failed: {Failed})")]
    private static partial void LogReported(ILogger logger, string batchId, string domain, bool failed);

    // Debug: a batch id is not for every reader of the logs (it names the batch to its owner's key only, but stays private).
    [LoggerMessage(Level = LogLevel.Debug, Message = "batch {BatchId}: {Count} domains in flight taken back ({Why})")]
    private static partial void LogRequeued(ILogger logger, string batchId, long count, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "batch {BatchId}: the batch store failed for {Domain}: {Message}")]
    private static partial void LogStoreFault(ILogger logger, string batchId, string domain, string message);
}
