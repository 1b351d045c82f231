using System.Net;
using MailScan.Rpki;

namespace MailScan.Checks.Rpki;

/// <summary>
/// What the route-origin probe found for one address: the announced prefix and its origins from
/// the BGP view, the RFC 6811 state of each origin against the VRP set, and the VRPs covering the
/// prefix (or the address, when nothing announces it).
/// </summary>
public sealed record RouteOriginEvidence(
    string Address,
    RouteLookupStatus RouteStatus,
    string RouteSource,
    string? Prefix,
    IReadOnlyList<OriginValidityEvidence> Origins,
    IReadOnlyList<VrpEvidence> CoveringVrps,
    VrpSetEvidence VrpSet,
    string? Detail = null)
{
    /// <summary>The state of the address: invalid if any origin is, else not found if any is, else valid.</summary>
    public AddressRouteState State =>
        RouteStatus != RouteLookupStatus.Announced || Origins.Count == 0 ? AddressRouteState.NotAnnounced
        : Origins.Any(o => o.State == RouteOriginValidity.Invalid) ? AddressRouteState.Invalid
        : Origins.Any(o => o.State == RouteOriginValidity.NotFound) ? AddressRouteState.NotFound
        : AddressRouteState.Valid;

    /// <summary>Whether at least one VRP covers the route (or the unannounced address).</summary>
    public bool Covered => CoveringVrps.Count > 0;

    /// <summary>Validates the route a lookup found against a VRP set. Pure.</summary>
    public static RouteOriginEvidence Build(IPAddress address, RouteLookup lookup, VrpSet vrps)
    {
        var set = VrpSetEvidence.Of(vrps);
        if (lookup.Status != RouteLookupStatus.Announced || lookup.Route is null)
        {
            // Internet.nl lists the ROAs covering an unrouted address too: the exists test counts them.
            var covering = vrps.Covering(IpPrefix.Host(address)).Select(VrpEvidence.Of).ToList();
            return new RouteOriginEvidence(address.ToString(), lookup.Status, lookup.Source, null, [], covering, set, lookup.Detail);
        }
        var route = lookup.Route;
        var origins = route.Origins.Select(o => OriginValidityEvidence.Of(vrps.Validate(route.Prefix, o))).ToList();
        var coveringRoute = vrps.Covering(route.Prefix).Select(VrpEvidence.Of).ToList();
        return new RouteOriginEvidence(address.ToString(), lookup.Status, lookup.Source, route.Prefix.ToString(), origins, coveringRoute, set, lookup.Detail);
    }
}
