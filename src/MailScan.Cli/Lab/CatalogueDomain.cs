using MailScan.Checks.Scanning;
using MailScan.Cli.Output;
using MailScan.Coordinator.Reports;

namespace MailScan.Cli.Lab;

/// <summary>
/// One lab domain: why it exists, the statuses it must get by category or sub-test id, and the
/// scores it must get by category id or "overall" (null: no score).
/// </summary>
internal sealed record CatalogueDomain(
    string Domain,
    string? Purpose,
    IReadOnlyDictionary<string, string> Expect,
    IReadOnlyDictionary<string, int?>? Scores = null)
{
    /// <summary>The key of the overall score in <see cref="Scores"/>.</summary>
    public const string Overall = "overall";

    /// <summary>Every expectation the report does not meet, as "id: expected X, got Y (reason)".</summary>
    public IReadOnlyList<string> Mismatches(ScanReport report)
    {
        var actual = new Dictionary<string, (string Status, string Reason)>();
        var scores = new Dictionary<string, (int? Score, string Note)> { [Overall] = (report.Score.Percentage, report.Score.Note) };
        foreach (var category in report.Categories)
        {
            actual[category.Id] = (StatusWords.Id(category.Status), category.Summary);
            scores[category.Id] = (category.Score.Percentage, category.Score.Note);
            foreach (var test in category.Tests)
                actual[test.Id] = (StatusWords.Id(test.Status), test.Reason);
        }
        var problems = new List<string>();
        foreach (var (id, expected) in Expect)
        {
            if (!actual.TryGetValue(id, out var got))
                problems.Add($"{id}: expected {expected}, but the report has no such id");
            else if (!string.Equals(got.Status, expected, StringComparison.Ordinal))
                problems.Add($"{id}: expected {expected}, got {got.Status} ({got.Reason})");
        }
        foreach (var (id, expected) in Scores ?? new Dictionary<string, int?>())
        {
            if (!scores.TryGetValue(id, out var got))
                problems.Add($"score of {id}: expected {Word(expected)}, but the report has no such category");
            else if (got.Score != expected)
                problems.Add($"score of {id}: expected {Word(expected)}, got {Word(got.Score)}{(got.Note.Length > 0 ? $" ({got.Note})" : string.Empty)}");
        }
        return problems;
    }

    private static string Word(int? score) => score is { } value ? $"{value} %" : "no score";
}
