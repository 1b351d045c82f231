namespace MailScan.Rpki;

/// <summary>The VRP set a probe works with, or why there is none.</summary>
public sealed record VrpSnapshot(VrpSet? Set, string? Error);
