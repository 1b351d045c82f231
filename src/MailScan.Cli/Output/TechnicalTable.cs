namespace MailScan.Cli.Output;

/// <summary>The technical table of one sub-test: a row per server, address or record, as found.</summary>
internal sealed record TechnicalTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);
