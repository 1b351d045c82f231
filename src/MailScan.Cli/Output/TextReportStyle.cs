namespace MailScan.Cli.Output;

/// <summary>How the text report is drawn: colours (only on a terminal), sub-test ids beside the labels, the line width.</summary>
internal sealed record TextReportStyle(bool Colour, bool Ids, int Width = 100);
