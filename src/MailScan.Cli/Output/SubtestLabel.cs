namespace MailScan.Cli.Output;

/// <summary>Where a sub-test sits in the text report (its section) and how it reads to a person.</summary>
internal sealed record SubtestLabel(string Section, string Label);
