using MailScan.Lab.Tests.Support;
using System.Text.Json;

namespace MailScan.Lab.Tests.Cluster;

/// <summary>`mailscan batch` and `mailscan stats` as a person runs them, embedded, on synthetic domains.</summary>
[Collection(ClusterCollection.Name)]
public sealed class BatchCliTests : IDisposable
{
    private readonly ClusterLab _lab = ClusterLab.Load();
    private readonly string _dir = Directory.CreateTempSubdirectory("mailscan-batch-").FullName;

    [Fact]
    public async Task A_messy_file_is_scanned_and_each_bad_line_is_named_with_its_number()
    {
        var names = _lab.Domains.Take(3).ToList();
        var file = Path.Combine(_dir, "names.txt");
        await File.WriteAllTextAsync(file,
            $"\uFEFF# the first three synthetic domains\n\n{names[0]}\n{names[1].ToUpperInvariant()}   # shouting\nbad..name\npostmaster@{names[2]}\n{names[0]}\n192.0.2.1\n",
            new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

        var run = await CliProcess.RunAsync(["batch", file, "--profile", LabEnvironment.ProfilePath, "--format", "csv"]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains($"{file}:5: skipped: 'bad..name' has an empty label", run.Stderr);
        Assert.Contains($"{file}:8: skipped: '192.0.2.1' is an IP address", run.Stderr);
        Assert.Contains("3 domains (1 duplicates and 2 invalid lines left out)", run.Stderr);
        var rows = await File.ReadAllLinesAsync(Path.Combine(_dir, "names.results.csv"));
        Assert.StartsWith("domain,error,score,mail_ipv6,mail_ipv6_score,", rows[0]);
        Assert.Equal(names.Order(), rows.Skip(1).Select(r => r.Split(',')[0]).Order());
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public async Task Resume_completes_a_cut_results_file_without_repeating_a_domain_and_stats_reads_it()
    {
        var names = _lab.Domains.Take(12).ToList();
        var file = Path.Combine(_dir, "twelve.txt");
        await File.WriteAllLinesAsync(file, names);
        var results = Path.Combine(_dir, "twelve.results.jsonl");
        var first = await CliProcess.RunAsync(["batch", file, "--profile", LabEnvironment.ProfilePath]);
        Assert.True(first.ExitCode == 0, first.Stderr);

        // An interruption: five whole reports and half of the sixth are on disk.
        var lines = await ResultLines.ReadAsync(results);
        await File.WriteAllTextAsync(results, string.Join("\n", lines.Take(5)) + "\n" + lines[5][..(lines[5].Length / 2)]);
        var again = await CliProcess.RunAsync(["batch", file, "--profile", LabEnvironment.ProfilePath]);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("--resume", again.Stderr);

        var resumed = await CliProcess.RunAsync(["batch", file, "--profile", LabEnvironment.ProfilePath, "--resume"]);
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Contains("5 domains are in", resumed.Stderr);
        var domains = (await ResultLines.ReadAsync(results)).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("domain").GetString()).ToList();
        Assert.Equal(names.Order(), domains.Order());

        var stats = await CliProcess.RunAsync(["stats", results]);
        Assert.True(stats.ExitCode == 0, stats.Stderr);
        Assert.Contains("12 domains scanned (0 could not be scanned)", stats.Stdout);
        Assert.Matches(@"\|   mail_ipv6_mx_address\s+\|\s+12 \|", stats.Stdout);
    }

    [Fact]
    public async Task Serve_runs_a_batch_for_the_command_line_in_one_process()
    {
        var names = _lab.Domains.Skip(20).Take(10).ToList();
        var file = Path.Combine(_dir, "ten.txt");
        await File.WriteAllLinesAsync(file, names);
        var url = $"http://{_lab.Net}.50.2:5080";
        var health = $"http://{_lab.Net}.50.2:5081";
        await using var serve = ServiceProcess.Start("serve", ["serve", "--profile", LabEnvironment.ProfilePath, "--listen", url, "--health-listen", health],
            new Dictionary<string, string> { ["NO_COLOR"] = "1" });
        await LabCluster.WaitReadyAsync(serve, health);

        var run = await CliProcess.RunAsync(["batch", file, "--server", url]);

        Assert.True(run.ExitCode == 0, run.Stderr + serve.Output);
        Assert.Contains("in-memory bus; state in memory", serve.Output);
        var domains = (await ResultLines.ReadAsync(Path.Combine(_dir, "ten.results.jsonl"))).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("domain").GetString());
        Assert.Equal(names.Order(), domains.Order());
        Assert.True(File.Exists(Path.Combine(_dir, "ten.results.jsonl.batch.json")), "the client keeps its cursor beside the results");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
