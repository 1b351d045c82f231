namespace MailScan.Checks.Scanning;

/// <summary>
/// Limits the probes of each kind running at once, for a process that runs its probes itself
/// (a worker's queue of the family would take them in the cluster). Each kind has its own
/// <see cref="AdaptiveLimit"/> in <paramref name="slots"/>: a kind whose probes keep their latency
/// grows its slots while the cores allow, one whose probes slow down (a saturated server, the
/// politeness limits) shrinks. Kinds, not families, so that one-connection greetings never queue
/// behind STARTTLS evaluations of tens of connections, and each limit judges latencies of one sort
/// of work. The slots are a worker's mechanism (<see cref="ProbeWorkSlots"/>), so a strict server's
/// evaluation waits for the connection gate away from its kind's slot here too, and that wait is
/// not counted as its latency.
/// </summary>
public sealed class KindLimitedProbeDispatcher(IProbeDispatcher inner, ProbeWorkSlots slots) : IProbeDispatcher, IProbeBacklog
{
    /// <summary>At most <paramref name="limit"/> probes of each kind at once, whatever their latency.</summary>
    public KindLimitedProbeDispatcher(IProbeDispatcher inner, int limit)
        : this(inner, new ProbeWorkSlots(AdaptiveLimitSettings.Fixed(limit), TimeProvider.System))
    {
    }

    public int Queued => slots.Queued;

    public Task<ProbeResult> DispatchAsync(ProbeRequest request, CancellationToken cancellationToken) =>
        slots.RunAsync(request.Key.Kind, token => inner.DispatchAsync(request, token), cancellationToken);
}
