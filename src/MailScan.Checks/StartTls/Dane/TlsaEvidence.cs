using MailScan.Checks.Dnssec;
using MailScan.Dns.Dnssec;

namespace MailScan.Checks.StartTls.Dane;

/// <summary>The TLSA lookup of _25._tcp.MX: the DNS status, the DNSSEC status and the records.</summary>
public sealed record TlsaEvidence(string MxName, string QueryName, string DnsStatus, DnssecStatus Dnssec, IReadOnlyList<TlsaRecordData> Records, string? Reason);
