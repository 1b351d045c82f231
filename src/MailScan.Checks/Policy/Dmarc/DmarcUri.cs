namespace MailScan.Checks.Policy.Dmarc;

/// <summary>A report destination of rua= or ruf= (RFC 7489 §6.2): the URI, its size limit, and the host mail goes to.</summary>
public sealed record DmarcUri(string Text, string Scheme, string Host, string? SizeLimit);
