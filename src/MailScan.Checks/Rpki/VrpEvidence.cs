using MailScan.Rpki;

namespace MailScan.Checks.Rpki;

/// <summary>A VRP as the report shows it.</summary>
public sealed record VrpEvidence(string Prefix, int MaxLength, uint Asn)
{
    public static VrpEvidence Of(Vrp vrp) => new(vrp.Prefix.ToString(), vrp.MaxLength, vrp.Asn);
}
