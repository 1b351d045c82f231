using MailScan.Checks.Rpki;

namespace MailScan.Checks.Verdicts;

/// <summary>
/// Internet.nl's points and percentages (internetnl-notes.md §2.3, §2.6), in one pure place:
/// the points tables the verdicts use (the IPv6 averages truncated to whole points, as
/// Internet.nl truncates them before summing), the category score (the minimum over servers of each
/// server's summed points of the mandatory sub-tests, over the category maximum, truncated) and
/// the overall score (the truncated average of the categories that have a score). Our
/// difference: a server that could not be tested is left out of the minimum instead of scoring
/// 0, and a category where nothing could be tested has no score instead of 0.
/// </summary>
public static class Scoring
{
    /// <summary>Points for a sub-test met in full.</summary>
    public const int Full = 10;

    /// <summary>Points for a policy that exists but is not strict enough, and similar half-way results.</summary>
    public const int Partial = 2;

    /// <summary>Full points of the RPKI ROA-existence sub-tests.</summary>
    public const int RoaExists = 5;

    /// <summary>Points of one host in the IPv6 reachability tests: all its IPv6 addresses answer, some do not, none does.</summary>
    public static double Ipv6Host(int answered, int failed) => answered == 0 ? 0 : failed > 0 ? Partial : Full;

    /// <summary>
    /// The name servers' IPv6 points: with two or more name servers with IPv6, the others are left
    /// out; the average of the rest, capped at half when only one name server is counted, and
    /// truncated to whole points as Internet.nl stores it (`int(score)` in its `do_ns`).
    /// </summary>
    public static double Ipv6NameServers(IReadOnlyList<(bool HasIpv6, double Points)> hosts)
    {
        var counted = hosts.Count(h => h.HasIpv6) >= 2 ? hosts.Where(h => h.HasIpv6).ToList() : hosts.ToList();
        if (counted.Count == 0)
            return 0;
        return Math.Truncate(counted.Count == 1 ? Math.Min(counted[0].Points, Full / 2.0) : counted.Average(h => h.Points));
    }

    /// <summary>The mail servers' IPv6 points: the average over the mail servers, truncated to whole points (`int(score)` in Internet.nl's `do_mx`).</summary>
    public static double Ipv6MailServers(IReadOnlyList<double> hosts) => hosts.Count == 0 ? Full : Math.Truncate(hosts.Average());

    /// <summary>Points when the status alone says them: met (also as a recommendation) in full, else nothing; null when not testable.</summary>
    public static double? FromStatus(string id, TestStatus status)
    {
        var full = SubtestLevels.FullPoints(id);
        var rpki = RpkiSubtestIds.All.Contains(id);
        return status switch
        {
            TestStatus.NotTestable => null,
            TestStatus.Passed or TestStatus.Info => full,
            // A missing ROA is shown as a recommendation but earns nothing; elsewhere a recommendation keeps full points.
            TestStatus.Warning => rpki ? 0 : full,
            // RPKI: nothing to validate (no addresses, not routed) earns full points.
            TestStatus.NotTested => rpki ? full : 0,
            _ => 0,
        };
    }

    /// <summary>The score of one category from its (clamped) sub-tests.</summary>
    public static CategoryScore Category(string categoryId, IReadOnlyList<SubtestResult> tests)
    {
        var scored = tests.Where(t => t.Level == SubtestLevel.Mandatory && SubtestLevels.FullPoints(t.Id) > 0).ToList();
        if (scored.Count == 0)
            return CategoryScore.None("no sub-test of this category counts for the score here");
        var maximum = scored.Sum(t => SubtestLevels.FullPoints(t.Id));
        var rows = scored.Select(t => t.Points.Count > 0 ? t.Points : [new ServerPoints(string.Empty, FromStatus(t.Id, t.Status))]).ToList();
        var servers = rows.SelectMany(r => r).Select(p => p.Server).Where(s => s.Length > 0).Distinct().ToList();

        if (servers.Count == 0)
        {
            var untestable = scored.Where((t, i) => rows[i].Any(p => p.Points is null)).Select(t => t.Id).ToList();
            if (untestable.Count > 0)
                return CategoryScore.None($"no score: could not be tested ({string.Join(", ", untestable)})");
            return new CategoryScore(Percent(rows.Sum(r => r.Sum(p => p.Points!.Value)), maximum), string.Empty);
        }

        var totals = servers.Select(server => Total(rows, server)).ToList();
        var testable = totals.Where(t => t is not null).Select(t => t!.Value).ToList();
        var noun = Noun(categoryId);
        if (testable.Count == 0)
            return CategoryScore.None($"no score: none of the {servers.Count} {noun} could be tested") with { Servers = servers.Count };
        var note = testable.Count < servers.Count ? $"score over {testable.Count} of {servers.Count} {noun}" : string.Empty;
        return new CategoryScore(Percent(testable.Min(), maximum), note, testable.Count, servers.Count);
    }

    /// <summary>The overall score: the truncated average of the categories with a score.</summary>
    public static OverallScore Overall(IReadOnlyList<CategoryResult> categories)
    {
        var included = categories.Where(c => c.Score.Percentage is not null).ToList();
        var leftOut = categories.Except(included).Select(c => $"{CategoryIds.Heading(c.Id)} ({c.Score.Note})").ToList();
        var note = leftOut.Count == 0 ? string.Empty : $"left out: {string.Join("; ", leftOut)}";
        if (included.Count == 0)
            return new OverallScore(null, note);
        var average = included.Sum(c => c.Score.Percentage!.Value) / included.Count;
        return new OverallScore(Math.Clamp(average, 0, 100), note);
    }

    /// <summary>A server's summed points; a sub-test without a row for it contributes its domain-wide row, or nothing. Null: not testable.</summary>
    private static double? Total(IReadOnlyList<IReadOnlyList<ServerPoints>> rows, string server)
    {
        var total = 0.0;
        foreach (var row in rows)
        {
            var own = row.FirstOrDefault(p => p.Server == server) ?? row.FirstOrDefault(p => p.Server.Length == 0);
            if (own is null)
                continue;
            if (own.Points is null)
                return null;
            total += own.Points.Value;
        }
        return total;
    }

    private static int Percent(double points, int maximum) => (int)(100 * points / maximum);

    private static string Noun(string categoryId) => categoryId == CategoryIds.Dnssec ? "names" : "mail servers";
}
