using System.Collections.Concurrent;

namespace MailScan.Checks.Scanning;

/// <summary>
/// Runs at most <c>limit</c> probes of each queue family at once, as a worker's queue of that
/// family would (its concurrent message limit), for a process that runs its probes itself.
/// </summary>
public sealed class FamilyLimitedProbeDispatcher(IProbeDispatcher inner, int limit) : IProbeDispatcher
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _families = new(StringComparer.Ordinal);

    public async Task<ProbeResult> DispatchAsync(ProbeRequest request, CancellationToken cancellationToken)
    {
        var slots = _families.GetOrAdd(ProbeKind.FamilyOf(request.Key.Kind), _ => new SemaphoreSlim(limit));
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await inner.DispatchAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }
}
