using System.Text.Json;
using System.Text.Json.Nodes;
using MailScan.Lab.Tests.Support.Browser;

namespace MailScan.Lab.Tests.Browser;

/// <summary>
/// The README's `mailscan report` on the synthetic TLD's results, opened in headless Chromium:
/// every category and sub-test of the results has its row, each row's counts are those of the
/// reports themselves, the comparison with an older survey counts the right domains, axe-core
/// finds no violation, and the screenshot goes to docs/images/.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SurveyReportBrowserTests(EmbeddedSynthScan embedded)
{
    private static readonly string[] Categories = ["mail_ipv6", "mail_dnssec", "mail_auth", "mail_starttls", "mail_rpki"];

    [Fact]
    public async Task The_survey_of_the_synthetic_TLD_shows_every_category_and_subtest_with_the_counts_of_the_reports()
    {
        var directory = Directory.CreateTempSubdirectory("mailscan-survey-").FullName;
        try
        {
            var results = Path.Combine(directory, "names.results.jsonl");
            await File.WriteAllLinesAsync(results, embedded.Lines);
            var survey = Path.Combine(directory, "survey.html");
            var run = await CliProcess.RunAsync(ReadmeCommands.Arguments(ReadmeCommands.Find("./mailscan report"), new Dictionary<string, string>
            {
                ["names.results.jsonl"] = results,
                ["survey.html"] = survey,
            }));
            Assert.True(run.ExitCode == 0, run.Stderr);

            await using var browser = await HeadlessChromium.StartAsync();
            await browser.OpenAsync(new Uri(survey).AbsoluteUri);
            var expected = Counts(embedded.Lines);
            var shown = await RowsAsync(browser, "over-domains");
            Assert.All(Categories, c => Assert.True(shown.ContainsKey(c), $"no row for {c}"));
            Assert.Equal(expected.Keys.Order(), shown.Keys.Order());
            foreach (var (id, counts) in expected)
                Assert.Equal(Flat(counts), Flat(shown[id]));
            Assert.Equal(embedded.Lines.Count, (int)(await browser.EvaluateAsync("Number(document.getElementById('summary').dataset.domains)"))!.GetValue<double>());
            Assert.Empty(await AxeCore.ViolationsAsync(browser));
            await browser.ScreenshotAsync(Screenshots.PathOf("survey-report.png"), width: 1300);
            Screenshots.Publish("survey-report.png");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Compared_with_an_older_survey_it_counts_the_domains_that_came_and_the_ones_that_began_or_stopped_passing()
    {
        var directory = Directory.CreateTempSubdirectory("mailscan-survey-").FullName;
        try
        {
            // The older survey: the first two thirds of the domains, with every category of every third one failed.
            var now = embedded.Lines.ToList();
            var old = now.Take(now.Count * 2 / 3).Select((line, i) => i % 3 == 0 ? FailEverything(line) : line).ToList();
            var (oldFile, newFile, survey) = (Path.Combine(directory, "old.jsonl"), Path.Combine(directory, "new.jsonl"), Path.Combine(directory, "survey.html"));
            await File.WriteAllLinesAsync(oldFile, old);
            await File.WriteAllLinesAsync(newFile, now);
            var run = await CliProcess.RunAsync(["report", newFile, "-o", survey, "--compare", oldFile]);
            Assert.True(run.ExitCode == 0, run.Stderr);

            await using var browser = await HeadlessChromium.StartAsync();
            await browser.OpenAsync(new Uri(survey).AbsoluteUri);
            var summary = (await browser.EvaluateAsync("Object.assign({}, document.getElementById('changes-summary').dataset)"))!.AsObject();
            Assert.Equal((old.Count, now.Count - old.Count, 0), (int.Parse((string)summary["both"]!), int.Parse((string)summary["new"]!), int.Parse((string)summary["gone"]!)));
            var movers = (await browser.EvaluateAsync("[...document.querySelectorAll('table.movers tr[data-row]')].map(r => [r.dataset.row, Number(r.dataset.began), Number(r.dataset.stopped)])"))!.AsArray();
            var oldStatus = Statuses(old);
            var nowStatus = Statuses(now);
            foreach (var category in Categories)
            {
                var row = movers.Single(r => (string)r![0]! == category)!.AsArray();
                var began = oldStatus.Count(o => o.Value[category] != "PASSED" && nowStatus[o.Key][category] == "PASSED");
                Assert.Equal((category, began, 0), (category, (int)row[1]!.GetValue<double>(), (int)row[2]!.GetValue<double>()));
            }
            Assert.Empty(await AxeCore.ViolationsAsync(browser));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Per category and sub-test id, how many reports gave each status: counted here from the JSON, apart from the product's code.</summary>
    private static Dictionary<string, Dictionary<string, long>> Counts(IEnumerable<string> lines)
    {
        var counts = new Dictionary<string, Dictionary<string, long>>();
        foreach (var line in lines)
        {
            using var report = JsonDocument.Parse(line);
            if (report.RootElement.TryGetProperty("error", out _) || !report.RootElement.TryGetProperty("categories", out var categories))
                continue;
            foreach (var category in categories.EnumerateArray())
            {
                Count(counts, category);
                foreach (var test in category.GetProperty("tests").EnumerateArray())
                    Count(counts, test);
            }
        }
        return counts;
    }

    private static void Count(Dictionary<string, Dictionary<string, long>> counts, JsonElement item)
    {
        var id = item.GetProperty("id").GetString()!;
        var status = item.GetProperty("status").GetString()!;
        if (!counts.TryGetValue(id, out var byStatus))
            counts[id] = byStatus = [];
        byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
    }

    /// <summary>The rows of one adoption table: per id, the count of each status from its data attributes.</summary>
    private static async Task<Dictionary<string, Dictionary<string, long>>> RowsAsync(HeadlessChromium browser, string table)
    {
        var rows = (await browser.EvaluateAsync($"[...document.querySelectorAll('table[data-table=\"{table}\"] tr[data-row]')].map(r => Object.assign({{}}, r.dataset))"))!.AsArray();
        return rows.Select(r => r!.AsObject()).ToDictionary(
            r => (string)r["row"]!,
            r => r.Where(p => p.Key is not ("row" or "kind" or "counted"))
                  .ToDictionary(p => ContractName(p.Key), p => long.Parse((string)p.Value!)));
    }

    /// <summary>A data attribute's name as the DOM gives it (data-not-tested: notTested) in the contract's spelling (NOT_TESTED).</summary>
    private static string ContractName(string key) => System.Text.RegularExpressions.Regex.Replace(key, "([a-z])([A-Z])", "$1_$2").ToUpperInvariant();

    /// <summary>The statuses with a count above zero, in order, as one comparable string.</summary>
    private static string Flat(Dictionary<string, long> counts) =>
        string.Join(", ", counts.Where(c => c.Value > 0).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"));

    private static Dictionary<string, Dictionary<string, string>> Statuses(IEnumerable<string> lines) =>
        lines.Select(l => JsonNode.Parse(l)!.AsObject()).ToDictionary(
            r => (string)r["domain"]!,
            r => r["categories"]!.AsArray().ToDictionary(c => (string)c!["id"]!, c => (string)c!["status"]!));

    private static string FailEverything(string line)
    {
        var report = JsonNode.Parse(line)!.AsObject();
        foreach (var category in report["categories"]!.AsArray())
            category!["status"] = "FAILED";
        return report.ToJsonString();
    }
}
