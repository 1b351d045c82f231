namespace MailScan.Checks.Scanning;

/// <summary>
/// Runs at most <see cref="ProbeWorkSlots.Limit"/> probes of each queue family at once, as a
/// worker's queue of that family would, for a process that runs its probes itself; a probe that
/// waits out a strict server does not count while it waits (<see cref="ProbeWorkSlots"/>).
/// </summary>
public sealed class FamilyLimitedProbeDispatcher(IProbeDispatcher inner, ProbeWorkSlots slots) : IProbeDispatcher
{
    public Task<ProbeResult> DispatchAsync(ProbeRequest request, CancellationToken cancellationToken) =>
        slots.RunAsync(ProbeKind.FamilyOf(request.Key.Kind), token => inner.DispatchAsync(request, token), cancellationToken);
}
