namespace MailScan.Checks.Input;

/// <summary>A domain to scan from a list, with the line it came from (1-based).</summary>
public sealed record DomainListEntry(int Line, DomainName Name);
