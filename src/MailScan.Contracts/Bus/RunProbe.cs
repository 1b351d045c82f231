namespace MailScan.Contracts.Bus;

/// <summary>Asks a worker to run one probe (kind + target) and respond with <see cref="ProbeFinished"/>.</summary>
public sealed record RunProbe(string Kind, string Target, string? Hint);
