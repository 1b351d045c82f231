using System.Diagnostics;
using MailScan.Checks.Scanning;
using MailScan.Coordinator.Flights;
using MailScan.Telemetry;
using Microsoft.Extensions.Caching.Hybrid;

namespace MailScan.Coordinator;

/// <summary>
/// Host de-duplication: a host probe's result is kept for the scan window and reused by every
/// domain that needs the same host; concurrent requests for one key share one probe. Results
/// that say more about the scanner than the host (timeouts, faults) are never kept. Across
/// processes the flight (Redis in a cluster) makes concurrent requests share one probe too.
/// </summary>
public sealed class CachingProbeDispatcher(IProbeDispatcher inner, HybridCache cache, TimeSpan window, IProbeFlight? flight = null) : IProbeDispatcher
{
    private readonly IProbeFlight _flight = flight ?? new LocalProbeFlight();

    /// <summary>The probe kinds whose evidence belongs to a host and is shared by every domain that needs it.</summary>
    public static IReadOnlySet<string> HostKinds => ProbeCatalog.PerHostKinds;

    public async Task<ProbeResult> DispatchAsync(ProbeRequest request, CancellationToken cancellationToken)
    {
        if (!HostKinds.Contains(request.Key.Kind))
            return await inner.DispatchAsync(request, cancellationToken).ConfigureAwait(false);

        var ran = false;
        var span = Activity.Current;
        try
        {
            var result = await cache.GetOrCreateAsync(
                $"probe:{request.Key}",
                async token =>
                {
                    // HybridCache runs the factory outside the caller's flow; the probe belongs to the trace of the domain that asked.
                    Activity.Current = span;
                    ran = true;
                    var (fresh, shared) = await _flight.RunOnceAsync(request, t => inner.DispatchAsync(request, t), token).ConfigureAwait(false);
                    fresh = shared ? fresh with { Reused = true } : fresh;
                    return fresh.Outcome is ProbeOutcome.Completed or ProbeOutcome.NotAllowed ? fresh : throw new NotKept(fresh);
                },
                new HybridCacheEntryOptions { Expiration = window, LocalCacheExpiration = window },
                cancellationToken: cancellationToken).ConfigureAwait(false);
            result = ran ? result : result with { Reused = true };
            MailScanMetrics.CacheLookup("host", result.Reused);
            return result;
        }
        catch (NotKept notKept)
        {
            MailScanMetrics.CacheLookup("host", notKept.Result.Reused);
            return notKept.Result;
        }
    }

    /// <summary>Carries a result out of the cache factory without caching it.</summary>
    private sealed class NotKept(ProbeResult result) : Exception("probe result not cached")
    {
        public ProbeResult Result { get; } = result;
    }
}
