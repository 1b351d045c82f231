using MailScan.Dns;

namespace MailScan.Dns.Dnssec;

/// <summary>A DNS answer with its DNSSEC status and, when not secure, the reason in words.</summary>
public sealed record ValidatedAnswer(DnsAnswer Answer, DnssecStatus Status, string? Reason = null)
{
    /// <summary>Where and why the chain of trust breaks (bogus, indeterminate) or ends (insecure); null when secure or unknown.</summary>
    public DnssecFailure? Failure { get; init; }
}
