namespace MailScan.Checks.StartTls.Caa;

/// <summary>The CAA set that applies to an MX name: the name it was found at (climbing towards the root), and the records.</summary>
public sealed record CaaEvidence(string MxName, string? FoundAt, string DnsStatus, IReadOnlyList<CaaRecordData> Records);
