using MailScan.Dns.Dnssec;

namespace MailScan.Checks.Dnssec;

/// <summary>The DNSSEC status of one name, from validating its SOA answer (NODATA allowed), with the broken link when there is one.</summary>
public sealed record DnssecEvidence(
    string Name,
    string Query,
    string Rcode,
    DnssecStatus Status,
    string? Reason,
    string? Error,
    string? Zone,
    string? RRset)
{
    /// <summary>Signed: secure or bogus (mail_dnssec_*_exist).</summary>
    public bool IsSigned => Status is DnssecStatus.Secure or DnssecStatus.Bogus;
}
