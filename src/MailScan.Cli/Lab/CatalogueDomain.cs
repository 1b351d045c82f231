using MailScan.Checks.Scanning;
using MailScan.Cli.Output;

namespace MailScan.Cli.Lab;

/// <summary>One lab domain: why it exists and the statuses it must get, by category or sub-test id.</summary>
internal sealed record CatalogueDomain(string Domain, string? Purpose, IReadOnlyDictionary<string, string> Expect)
{
    /// <summary>Every expectation the report does not meet, as "id: expected X, got Y (reason)".</summary>
    public IReadOnlyList<string> Mismatches(ScanReport report)
    {
        var actual = new Dictionary<string, (string Status, string Reason)>();
        foreach (var category in report.Categories)
        {
            actual[category.Id] = (StatusWords.Id(category.Status), category.Summary);
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
        return problems;
    }
}
