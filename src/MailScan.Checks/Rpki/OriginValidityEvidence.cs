using MailScan.Rpki;

namespace MailScan.Checks.Rpki;

/// <summary>The RFC 6811 state of the announced prefix for one of its origins, with the VRPs that agree and those that do not.</summary>
public sealed record OriginValidityEvidence(
    string Origin,
    RouteOriginValidity State,
    InvalidityReason? Reason,
    IReadOnlyList<VrpEvidence> Matched,
    IReadOnlyList<VrpEvidence> Unmatched)
{
    public static OriginValidityEvidence Of(RouteValidation validation) => new(
        validation.Origin.ToString(), validation.State, validation.Reason,
        validation.Matched.Select(VrpEvidence.Of).ToList(), validation.Unmatched.Select(VrpEvidence.Of).ToList());
}
