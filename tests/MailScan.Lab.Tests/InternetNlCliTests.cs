using System.Text.Json.Nodes;
using MailScan.Cli.Batch;
using MailScan.Coordinator.InternetNl;

namespace MailScan.Lab.Tests;

/// <summary>The commands of docs/INTERNETNL-BATCH.md on lab domains: the batch writes Internet.nl's results document, and convert writes the same one.</summary>
public sealed class InternetNlCliTests : IDisposable
{
    private static readonly string[] Names = ["ipv6-good.test", "nullmx.test", "tls-421.test"];
    private readonly string _dir = Directory.CreateTempSubdirectory("mailscan-internetnl-").FullName;

    [Fact]
    public async Task Batch_and_convert_write_internet_nl_batch_results()
    {
        var file = Path.Combine(_dir, "names.txt");
        await File.WriteAllLinesAsync(file, Names);

        // ./mailscan batch names.txt --format internetnl (with the lab's profile)
        var batch = await CliProcess.RunAsync(["batch", file, "--format", "internetnl", "--profile", LabEnvironment.ProfilePath]);
        Assert.True(batch.ExitCode == 0, batch.Stderr);
        var document = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, "names.internetnl.json")))!;
        var log = await ReportLines.ReadAsync(Path.Combine(_dir, "names.internetnl.jsonl"), TextWriter.Null, CancellationToken.None);
        Assert.Equal(Names.Order(), log.Select(r => r.Domain).Order());
        Assert.Equal(InternetNlResults.From(log, "names.txt").ToJsonString(), document.ToJsonString());
        Assert.Equal("null-mx", (string?)document["domains"]!["nullmx.test"]!["results"]!["categories"]!["mail_starttls"]!["verdict"]);
        Assert.Equal("unreachable", (string?)document["domains"]!["tls-421.test"]!["results"]!["custom"]!["mail_servers_testable_status"]);
        Assert.Equal("yes", (string?)document["domains"]!["ipv6-good.test"]!["results"]!["custom"]!["tls_1_3_support"]);
        Assert.Equal("undetermined", (string?)document["domains"]!["tls-421.test"]!["results"]!["custom"]!["tls_1_3_support"]);
        Assert.Equal("no", (string?)document["domains"]!["nullmx.test"]!["results"]!["custom"]!["tls_1_3_support"]);

        // --resume reads the log: nothing is scanned again and the same document is written
        var resumed = await CliProcess.RunAsync(["batch", file, "--format", "internetnl", "--profile", LabEnvironment.ProfilePath, "--resume"]);
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Contains("nothing to scan", resumed.Stderr);
        Assert.Equal(document.ToJsonString(), JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, "names.internetnl.json")))!.ToJsonString());

        // ./mailscan batch names.txt, then ./mailscan convert names.results.jsonl --to internetnl --out names.internetnl.json
        var plainDir = Directory.CreateDirectory(Path.Combine(_dir, "plain")).FullName;
        var plainFile = Path.Combine(plainDir, "names.txt");
        await File.WriteAllLinesAsync(plainFile, Names);
        var plain = await CliProcess.RunAsync(["batch", plainFile, "--profile", LabEnvironment.ProfilePath]);
        Assert.True(plain.ExitCode == 0, plain.Stderr);
        var convert = await CliProcess.RunAsync(["convert", Path.Combine(plainDir, "names.results.jsonl"), "--to", "internetnl", "--out", Path.Combine(plainDir, "names.internetnl.json")]);
        Assert.True(convert.ExitCode == 0, convert.Stderr);
        var again = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(plainDir, "names.internetnl.json")))!;
        Assert.Equal(document["request"]!["request_id"]!.ToJsonString(), again["request"]!["request_id"]!.ToJsonString());
        Assert.Equal(Statuses(document), Statuses(again));
    }

    [Fact]
    public async Task Convert_names_an_unknown_shape()
    {
        var result = await CliProcess.RunAsync(["convert", "whatever.jsonl", "--to", "csv"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--to: 'csv'", result.Stderr);
    }

    /// <summary>What two scans of the same lab domains must agree on: every category and test status.</summary>
    private static string Statuses(JsonNode document) =>
        string.Join('\n', document["domains"]!.AsObject().SelectMany(d =>
            d.Value!["results"]!["categories"]!.AsObject().Concat(d.Value!["results"]!["tests"]!.AsObject())
                .Select(r => $"{d.Key} {r.Key} {r.Value!["status"]}")));

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
