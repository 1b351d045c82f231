namespace MailScan.Rpki;

/// <summary>Route origin validation (RFC 6811 §2), a pure function of the route and its covering VRPs.</summary>
public static class RouteOriginValidator
{
    /// <summary>
    /// Valid when a covering VRP has the route's origin AS and a maxLength not shorter than the
    /// route; invalid when VRPs cover it but none matches; not found when none covers it.
    /// A VRP for AS 0 (RFC 6483 §4) and a route with an AS_SET origin never match.
    /// </summary>
    public static RouteValidation Validate(IpPrefix route, RouteOrigin origin, IReadOnlyList<Vrp> covering)
    {
        var matched = new List<Vrp>();
        var unmatched = new List<Vrp>();
        var sameAsTooShort = false;
        foreach (var vrp in covering)
        {
            if (!vrp.Prefix.Covers(route))
                continue;
            var sameAs = origin.Asn is { } asn && asn == vrp.Asn && vrp.Asn != 0;
            if (sameAs && route.Length <= vrp.MaxLength)
            {
                matched.Add(vrp);
            }
            else
            {
                unmatched.Add(vrp);
                sameAsTooShort |= sameAs;
            }
        }
        if (matched.Count > 0)
            return new RouteValidation(route, origin, RouteOriginValidity.Valid, null, matched, unmatched);
        if (unmatched.Count > 0)
            return new RouteValidation(route, origin, RouteOriginValidity.Invalid, sameAsTooShort ? InvalidityReason.Length : InvalidityReason.As, matched, unmatched);
        return new RouteValidation(route, origin, RouteOriginValidity.NotFound, null, matched, unmatched);
    }
}
