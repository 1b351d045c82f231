namespace MailScan.Checks.Verdicts;

/// <summary>The domain's overall score in percent, or none; Note names the categories left out and why.</summary>
public sealed record OverallScore(int? Percentage, string Note);
