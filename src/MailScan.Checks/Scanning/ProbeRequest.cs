namespace MailScan.Checks.Scanning;

/// <summary>A request for a probe: the key, and a hint the probe may use but that does not change the evidence's meaning (e.g. the zone to ask a name server about).</summary>
public sealed record ProbeRequest(ProbeKey Key, string? Hint = null);
