using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MailScan.Deploy.Tests;

/// <summary>
/// deploy/prometheus/alerts.yml passes `promtool check rules` and its unit tests
/// (`promtool test rules alerts.test.yml`); a copy with a changed threshold fails them. Debian's
/// prometheus package (installed by deploy/lab/up) brings promtool.
/// </summary>
public sealed class AlertRulesTests
{
    private static readonly string Root = RepositoryPaths.Root;
    private static readonly string Rules = Path.Combine(Root, "deploy", "prometheus");

    /// <summary>The commands docs/OPERATIONS.md shows, as it shows them, from the checkout.</summary>
    [Fact]
    public async Task The_alert_rules_are_valid_and_pass_their_unit_tests_by_the_documented_commands()
    {
        var documented = Regex.Match(await File.ReadAllTextAsync(Path.Combine(Root, "docs", "OPERATIONS.md")),
            "```\n(promtool check rules [^\n]+)\n(promtool test rules [^\n]+)\n```");
        Assert.True(documented.Success, "docs/OPERATIONS.md shows the promtool commands");

        var check = await PromtoolAsync(Root, Arguments(documented.Groups[1].Value));
        Assert.True(check.Code == 0, check.Output);
        Assert.Contains("SUCCESS: 6 rules found", check.Output);

        var test = await PromtoolAsync(Root, Arguments(documented.Groups[2].Value));
        Assert.True(test.Code == 0, test.Output);
        Assert.Contains("SUCCESS", test.Output);
    }

    private static string[] Arguments(string command) => command.Split(' ')[1..];

    [Fact]
    public async Task A_rule_whose_threshold_drifted_fails_its_unit_test()
    {
        var copy = Directory.CreateTempSubdirectory("mailscan-alerts-").FullName;
        try
        {
            foreach (var file in new[] { "alerts.yml", "alerts.test.yml" })
                File.Copy(Path.Combine(Rules, file), Path.Combine(copy, file));
            var rules = Path.Combine(copy, "alerts.yml");
            var text = await File.ReadAllTextAsync(rules);
            Assert.Contains("> 3 * 3600", text);
            await File.WriteAllTextAsync(rules, text.Replace("> 3 * 3600", "> 4 * 3600", StringComparison.Ordinal));

            var test = await PromtoolAsync(copy, "test", "rules", "alerts.test.yml");

            Assert.Equal(1, test.Code);
            Assert.Contains("alertname: MailScanVrpSetStale", test.Output);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static async Task<(int Code, string Output)> PromtoolAsync(string directory, params string[] args)
    {
        Assert.True(File.Exists("/usr/bin/promtool"), "promtool is missing: Debian's prometheus package (deploy/lab/up installs it; ./test.sh runs that)");
        var start = new ProcessStartInfo("/usr/bin/promtool", args) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }
}
