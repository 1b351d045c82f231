namespace MailScan.Coordinator.Reports;

/// <summary>The technical table of one sub-test: a row per server, address or record, as found.</summary>
public sealed record TechnicalTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);
