namespace MailScan.Checks.StartTls.Caa;

/// <summary>One CAA record (RFC 8659 §4.1).</summary>
public sealed record CaaRecordData(byte Flags, string Tag, string Value);
