using MailScan.Dns;

namespace MailScan.Checks.Scanning;

/// <summary>
/// What the domains in flight press on further down, for the domain limit: probes waiting for a
/// slot of their kind in this process, and the share of questions to the resolvers that timed out
/// (a resolver with a full request list drops questions: the scan has too much in flight).
/// </summary>
public sealed class ScanPressure(IProbeBacklog backlog, ResolverHealth resolvers)
{
    /// <summary>Probes waiting for a slot now.</summary>
    public int QueuedProbes => backlog.Queued;

    /// <summary>The share of questions to the resolvers that timed out since the last call (one reader: the domain limit).</summary>
    public double TakeResolverTimeoutShare() => resolvers.TakeTimeoutShare();
}
