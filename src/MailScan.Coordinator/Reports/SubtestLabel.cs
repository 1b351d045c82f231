namespace MailScan.Coordinator.Reports;

/// <summary>Where a sub-test sits in the text report (its section) and how it reads to a person.</summary>
public sealed record SubtestLabel(string Section, string Label);
