using MailScan.Checks.Policy.Dmarc;

namespace MailScan.Checks.Policy.TlsRpt;

/// <summary>The _smtp._tls TXT record (RFC 8460 §3): where reports on TLS failures go.</summary>
public sealed record TlsRptRecord(string Text, IReadOnlyList<DmarcUri> Destinations, IReadOnlyList<PolicyTag> Extensions);
