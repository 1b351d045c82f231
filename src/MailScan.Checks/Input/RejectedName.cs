namespace MailScan.Checks.Input;

/// <summary>A name of a batch that is not scanned: where it was (1-based line or position), what it was, and why.</summary>
public sealed record RejectedName(long Position, string Input, string Reason);
