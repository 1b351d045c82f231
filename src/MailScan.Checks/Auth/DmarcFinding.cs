namespace MailScan.Checks.Auth;

/// <summary>The outcome of DMARC discovery: the one record that applies and where it was found, or why there is none.</summary>
public sealed record DmarcFinding(DmarcFindingKind Kind, string? Record, string? FoundAt, bool Inherited, string Reason);
