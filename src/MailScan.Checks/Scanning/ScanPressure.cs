using MailScan.Politeness;
using MailScan.Dns;

namespace MailScan.Checks.Scanning;

/// <summary>
/// What the domains in flight press on further down, for the domain limit: probes waiting for a
/// slot of their kind in this process or for a connection at the politeness gate, and the share of questions to the resolvers that timed out
/// (a resolver with a full request list drops questions: the scan has too much in flight).
/// </summary>
public sealed class ScanPressure(IProbeBacklog backlog, IConnectionGate gate, ResolverHealth resolvers)
{
    /// <summary>Probes waiting for a slot or a connection now.</summary>
    public int QueuedProbes => backlog.Queued + gate.Waiting;

    /// <summary>The share of questions to the resolvers that timed out since the last call (one reader: the domain limit).</summary>
    public double TakeResolverTimeoutShare() => resolvers.TakeTimeoutShare();
}
