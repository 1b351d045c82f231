using System.Diagnostics;
using System.Net;
using MailScan.Checks.Scanning;
using MailScan.Checks.Targets;
using MailScan.Rpki;

namespace MailScan.Checks.Rpki;

/// <summary>
/// For one address: the announced route and its origins (pfx2as table or Team Cymru) and their
/// RFC 6811 state against the shared VRP set. Sends nothing to the address itself. A missing VRP
/// set or BGP view is the scanner's failure (an outcome), never a verdict about the address.
/// </summary>
public sealed class RouteOriginProbe(IVrpProvider vrps, IRouteOriginSource origins, TargetPolicy policy) : IProbe
{
    /// <summary>The kind this probe serves, by which checks plan it.</summary>
    public const string Name = "rpki.origin";

    /// <summary>What this probe declares to the catalogue (<see cref="ProbeCatalog"/>).</summary>
    public static ProbeKind Declaration { get; } = new(Name, PerHost: true, "The announced route of an IP address and its RPKI route origin validity.");

    public string Kind => Name;

    public async Task<ProbeResult> RunAsync(ProbeRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (!IPAddress.TryParse(request.Key.Target, out var address))
            return ProbeResult.NotCompleted(request.Key, ProbeOutcome.Failed, $"'{request.Key.Target}' is not an IP address", TimeSpan.Zero);

        var snapshot = await vrps.GetAsync(cancellationToken).ConfigureAwait(false);
        if (snapshot.Set is null)
            return ProbeResult.NotCompleted(request.Key, ProbeOutcome.Failed, $"no VRP set: {snapshot.Error}", Stopwatch.GetElapsedTime(started));

        // Special-use addresses are not on the internet's routing table; asking a public service
        // about them would only leak internal addresses. An allowed network (the lab) is looked up.
        var decision = policy.Check(address);
        var lookup = decision.IsAllowed
            ? await origins.FindAsync(address, cancellationToken).ConfigureAwait(false)
            : new RouteLookup("target policy", RouteLookupStatus.NotAnnounced, null, $"special-use address, not routed on the internet ({decision.Reason})");
        if (lookup.Status == RouteLookupStatus.Unavailable)
            return ProbeResult.NotCompleted(request.Key, ProbeOutcome.Failed, $"no route origin: {lookup.Detail}", Stopwatch.GetElapsedTime(started));

        var evidence = RouteOriginEvidence.Build(address, lookup, snapshot.Set);
        return ProbeResult.Completed(request.Key, evidence, Stopwatch.GetElapsedTime(started));
    }
}
