namespace MailScan.Rpki;

/// <summary>The RFC 6811 outcome for one (prefix, origin): the state, and which covering VRPs agree and which do not.</summary>
public sealed record RouteValidation(
    IpPrefix Prefix,
    RouteOrigin Origin,
    RouteOriginValidity State,
    InvalidityReason? Reason,
    IReadOnlyList<Vrp> Matched,
    IReadOnlyList<Vrp> Unmatched);
