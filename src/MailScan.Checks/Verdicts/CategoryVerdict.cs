namespace MailScan.Checks.Verdicts;

/// <summary>A category's status and, when servers that could not be measured decided it, a short note saying so.</summary>
public sealed record CategoryVerdict(TestStatus Status, string Note);
