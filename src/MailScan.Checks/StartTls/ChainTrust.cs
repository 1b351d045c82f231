namespace MailScan.Checks.StartTls;

/// <summary>Whether the presented chain leads to a trusted root (system store or the configured extra roots) at the time measured.</summary>
public sealed record ChainTrust(bool Trusted, string Anchor, IReadOnlyList<string> Problems);
