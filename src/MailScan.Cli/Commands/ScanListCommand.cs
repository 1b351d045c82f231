using System.CommandLine;
using MailScan.Checks.Input;
using MailScan.Checks.Scanning;
using MailScan.Cli.Output;
using MailScan.Coordinator.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace MailScan.Cli.Commands;

/// <summary>
/// <c>mailscan scan-list FILE</c>: the mail test of every domain in a file (one per line; blank
/// lines and # comments ignored). Lines that are not domain names, and repeated domains, are
/// reported on stderr with their line numbers; the rest is scanned, several domains at a time.
/// </summary>
internal static class ScanListCommand
{
    public static Command Create(GlobalOptions global)
    {
        var file = new Argument<string>("file") { Description = "a file with one domain (or e-mail address) per line; - reads standard input" };
        var json = new Option<bool>("--json") { Description = "print one JSON report per line (the protobuf JSON mapping of DomainReport)" };
        var command = new Command("scan-list", "Run the mail test for every domain in a file, several at a time") { file, json };
        command.SetAction((result, cancellationToken) => RunAsync(global, result, result.GetValue(file)!, result.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(GlobalOptions global, ParseResult result, string path, bool json, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = path == "-" ? await Console.In.ReadToEndAsync(cancellationToken).ConfigureAwait(false) : await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: cannot read {path}: {ex.Message}");
            return ExitCodes.BadInput;
        }
        var list = DomainList.Parse(text);
        foreach (var problem in list.Problems)
            Console.Error.WriteLine($"{(problem.Duplicate ? "note" : "error")}: {path}:{problem.Line}: {problem.Reason}");

        var settings = CliRun.LoadOptions(global, result, out var exit);
        if (settings is null)
            return exit;
        var invalid = list.Problems.Any(p => !p.Duplicate);
        if (list.Entries.Count == 0)
        {
            Console.Error.WriteLine($"error: {path} names no domain to scan");
            return ExitCodes.BadInput;
        }

        return await CliRun.GuardAsync(global.LogLevel(result), async () =>
        {
            using var host = await EmbeddedHost.StartAsync(settings, global.LogLevel(result), cancellationToken).ConfigureAwait(false);
            var scanner = host.Services.GetRequiredService<DomainScanner>();
            var outcomes = new List<int>();
            var output = new SemaphoreSlim(1, 1);
            await Parallel.ForEachAsync(list.Entries, new ParallelOptions { MaxDegreeOfParallelism = settings.Scan.DomainConcurrency, CancellationToken = cancellationToken }, async (entry, token) =>
            {
                var (code, line) = await ScanOneAsync(scanner, entry, json, path, token).ConfigureAwait(false);
                await output.WaitAsync(token).ConfigureAwait(false);
                try
                {
                    (code == ExitCodes.Scanned ? Console.Out : Console.Error).WriteLine(line);
                    outcomes.Add(code);
                }
                finally
                {
                    output.Release();
                }
            }).ConfigureAwait(false);
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            var scanned = outcomes.Count(c => c == ExitCodes.Scanned);
            Console.Error.WriteLine($"{path}: {scanned} of {list.Entries.Count} domains scanned; {list.Problems.Count(p => !p.Duplicate)} invalid and {list.Problems.Count(p => p.Duplicate)} repeated lines skipped");
            return outcomes.Contains(ExitCodes.CouldNotScan) ? ExitCodes.CouldNotScan
                : invalid || outcomes.Contains(ExitCodes.BadInput) ? ExitCodes.BadInput
                : ExitCodes.Scanned;
        }).ConfigureAwait(false);
    }

    /// <summary>One domain: its exit code and the line to print (a report, or why there is none).</summary>
    private static async Task<(int Code, string Line)> ScanOneAsync(DomainScanner scanner, DomainListEntry entry, bool json, string path, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var step in scanner.ScanAsync(entry.Name, cancellationToken).ConfigureAwait(false))
            {
                if (step is ServersDiscovered { Servers.DomainMissing: true })
                    return (ExitCodes.BadInput, $"error: {path}:{entry.Line}: {entry.Name} does not exist (NXDOMAIN)");
                if (step is ScanCompleted done)
                    return (ExitCodes.Scanned, json ? OneLine(ReportMapper.ToJson(ReportMapper.ToProto(done.Report))) : Summary(done.Report));
            }
            return (ExitCodes.CouldNotScan, $"error: {path}:{entry.Line}: {entry.Name}: the scan ended without a report");
        }
        catch (ScanFailedException ex)
        {
            return (ExitCodes.CouldNotScan, $"error: {path}:{entry.Line}: could not scan {entry.Name}: {ex.Message}");
        }
    }

    /// <summary>The report on one line (JSON Lines), so a reader can split the output by lines.</summary>
    private static string OneLine(string json) => System.Text.Json.Nodes.JsonNode.Parse(json)!.ToJsonString();

    /// <summary>One line per domain: its name, its overall score, and the status and score of each category.</summary>
    private static string Summary(ScanReport report) =>
        $"{report.Domain.Ascii,-40} score={Score(report.Score.Percentage)}  "
        + string.Join("  ", report.Categories.Select(c => $"{c.Id}={StatusWords.Id(c.Status)}({Score(c.Score.Percentage)})"));

    private static string Score(int? percentage) => percentage is { } value ? $"{value}%" : "none";
}
