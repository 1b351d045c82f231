using System.Collections.Concurrent;
using MailScan.Telemetry;

namespace MailScan.Checks.Scanning;

/// <summary>
/// Limits the probes of each kind running at once, for a process that runs its probes itself
/// (a worker's queue of the family would take them in the cluster). Each kind has its own
/// <see cref="AdaptiveLimit"/>: a kind whose probes keep their latency grows its slots while the
/// cores allow, one whose probes slow down (a saturated server, the politeness limits) shrinks.
/// Kinds, not families, so that one-connection greetings never queue behind STARTTLS evaluations
/// of tens of connections, and each limit judges latencies of one sort of work.
/// </summary>
public sealed class KindLimitedProbeDispatcher(IProbeDispatcher inner, AdaptiveLimitSettings settings, TimeProvider time) : IProbeDispatcher, IProbeBacklog
{
    private int _queued;
    private readonly ConcurrentDictionary<string, AdaptiveLimit> _kinds = new(StringComparer.Ordinal);

    /// <summary>At most <paramref name="limit"/> probes of each kind at once, whatever their latency.</summary>
    public KindLimitedProbeDispatcher(IProbeDispatcher inner, int limit)
        : this(inner, AdaptiveLimitSettings.Fixed(limit), TimeProvider.System)
    {
    }

    public int Queued => Volatile.Read(ref _queued);

    public async Task<ProbeResult> DispatchAsync(ProbeRequest request, CancellationToken cancellationToken)
    {
        var kind = request.Key.Kind;
        var slots = _kinds.GetOrAdd(kind, name => new AdaptiveLimit(settings, time, name));
        MailScanMetrics.ProbeQueued(kind, 1);
        Interlocked.Increment(ref _queued);
        try
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _queued);
            MailScanMetrics.ProbeQueued(kind, -1);
        }
        var started = time.GetTimestamp();
        var dropped = true;
        try
        {
            var result = await inner.DispatchAsync(request, cancellationToken).ConfigureAwait(false);
            dropped = result.Outcome is ProbeOutcome.TimedOut or ProbeOutcome.Failed;
            return result;
        }
        finally
        {
            slots.Exit(time.GetElapsedTime(started), dropped);
        }
    }
}
