using V1 = MailScan.Contracts.V1;

namespace MailScan.Cli.Stats;

/// <summary>
/// How the scores of a batch spread: per decile (0-9 % ... 90-99 %, and 100 % apart) the share
/// of domains, overall and per category; domains without a score are counted apart.
/// </summary>
internal sealed class ScoreDistribution
{
    /// <summary>The bins: ten deciles and a bin of their own for 100 %.</summary>
    public static IReadOnlyList<string> Bins { get; } = [.. Enumerable.Range(0, 10).Select(d => $"{d * 10}-{d * 10 + 9}"), "100"];

    private readonly Dictionary<string, Row> _rows = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    /// <summary>Adds a scanned domain's overall and category scores.</summary>
    public void Add(V1.DomainReport report)
    {
        if (report.Error.Length > 0 || report.Categories.Count == 0)
            return;
        Tally("overall", report.Score);
        foreach (var category in report.Categories)
            Tally(category.Id, category.Score);
    }

    /// <summary>The rows in the order first seen: "overall" first, then the categories.</summary>
    public IReadOnlyList<(string Name, long Scored, long Unscored, double Mean, IReadOnlyList<double> Percent)> Rows() =>
        _order.Select(name =>
        {
            var row = _rows[name];
            var percent = row.Bins.Select(b => row.Scored == 0 ? 0 : 100.0 * b / row.Scored).ToList();
            return (name, row.Scored, row.Unscored, row.Scored == 0 ? 0 : (double)row.Sum / row.Scored, (IReadOnlyList<double>)percent);
        }).ToList();

    /// <summary>The bin of a score: its decile, 100 % apart.</summary>
    public static int Bin(int score) => Math.Clamp(score, 0, 100) == 100 ? 10 : Math.Clamp(score, 0, 100) / 10;

    private void Tally(string name, int? score)
    {
        if (!_rows.TryGetValue(name, out var row))
        {
            _rows[name] = row = new Row();
            _order.Add(name);
        }
        if (score is not { } value)
        {
            row.Unscored++;
            return;
        }
        row.Scored++;
        row.Sum += value;
        row.Bins[Bin(value)]++;
    }

    private sealed class Row
    {
        public long Scored { get; set; }
        public long Unscored { get; set; }
        public long Sum { get; set; }
        public long[] Bins { get; } = new long[11];
    }
}
