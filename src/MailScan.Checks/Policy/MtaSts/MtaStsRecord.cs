namespace MailScan.Checks.Policy.MtaSts;

/// <summary>The _mta-sts TXT record (RFC 8461 §3.1): the policy id and any extension tags.</summary>
public sealed record MtaStsRecord(string Text, string Id, IReadOnlyList<PolicyTag> Extensions);
