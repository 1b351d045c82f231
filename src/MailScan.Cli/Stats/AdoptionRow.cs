namespace MailScan.Cli.Stats;

/// <summary>One category or sub-test of the adoption table: how many were counted, and how many got each status.</summary>
internal sealed record AdoptionRow(string Id, bool IsCategory, long Counted, IReadOnlyDictionary<string, long> ByStatus)
{
    public double Percent(string status) => Counted == 0 ? 0 : 100.0 * ByStatus.GetValueOrDefault(status) / Counted;
}
