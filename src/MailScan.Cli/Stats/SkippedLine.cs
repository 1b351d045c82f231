namespace MailScan.Cli.Stats;

/// <summary>A line of a results file that is not a report: its number (from 1) and why.</summary>
internal sealed record SkippedLine(long Line, string Reason);
