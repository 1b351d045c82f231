using MailScan.Checks.Dns;

namespace MailScan.Checks.Dnssec;

/// <summary>A DNS answer with its DNSSEC status and, when not secure, the reason in words.</summary>
public sealed record ValidatedAnswer(DnsAnswer Answer, DnssecStatus Status, string? Reason = null);
