using System.CommandLine;
using System.Globalization;
using MailScan.Coordinator.Reports;
using MailScan.Cli.Output;
using MailScan.Cli.Stats;

namespace MailScan.Cli.Commands;

/// <summary><c>mailscan stats RESULTS.jsonl</c>: the adoption table of a batch's results, as a TLD survey reports it.</summary>
internal static class StatsCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("results") { Description = "a results file of `mailscan batch` (JSONL)" };
        var command = new Command("stats", "Print the adoption table of a results file: per category and sub-test, % of each status over domains and over unique mail servers") { file };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(file)!, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"error: no file '{path}'");
            return ExitCodes.BadInput;
        }
        var table = new AdoptionTable();
        var scores = new ScoreDistribution();
        var skipped = await ResultsFileReader.ReadAsync(path, report =>
        {
            table.Add(report);
            scores.Add(report);
        }, cancellationToken).ConfigureAwait(false);
        foreach (var line in skipped.Take(10))
            Console.Error.WriteLine($"{TerminalText.Clean(path)}:{line.Line}: skipped: not a report ({TerminalText.Clean(line.Reason)})");
        var unreadable = skipped.Count;
        if (table.Domains == 0)
        {
            Console.Error.WriteLine($"error: {path} holds no scanned domain");
            return ExitCodes.BadInput;
        }
        var output = Console.Out;
        output.WriteLine($"{table.Domains} domains scanned ({table.Failed} could not be scanned{(unreadable > 0 ? $", {unreadable} lines unreadable" : string.Empty)}); {table.UniqueServerSets} unique mail server sets");
        Print(output, $"Over {table.Domains} domains", table.OverDomains());
        Print(output, $"Over {table.UniqueServerSets} unique mail servers (domains with the same MX addresses counted once)", table.OverMailServers());
        Print(output, scores);
        return ExitCodes.Scanned;
    }

    private static void Print(TextWriter output, ScoreDistribution scores)
    {
        output.WriteLine();
        output.WriteLine("Scores: % of the scored domains per band of score, and the mean score");
        var rows = scores.Rows();
        var width = Math.Max(14, rows.Count == 0 ? 0 : rows.Max(r => r.Name.Length));
        var header = "| " + "score".PadRight(width) + " | " + "scored".PadLeft(7) + " | " + "none".PadLeft(7) + " | " + "mean".PadLeft(6) + " | "
            + string.Join(" | ", ScoreDistribution.Bins.Select(b => (b + " %").PadLeft(8))) + " |";
        output.WriteLine(header);
        output.WriteLine("|" + string.Join("|", header.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(c => new string('-', c.Length))) + "|");
        foreach (var row in rows)
        {
            var cells = row.Percent.Select(p => p.ToString("0.0", CultureInfo.InvariantCulture).PadLeft(7) + "%");
            output.WriteLine($"| {row.Name.PadRight(width)} | {row.Scored,7} | {row.Unscored,7} | {row.Mean.ToString("0.0", CultureInfo.InvariantCulture),6} | {string.Join(" | ", cells)} |");
        }
    }

    private static void Print(TextWriter output, string title, IReadOnlyList<AdoptionRow> rows)
    {
        output.WriteLine();
        output.WriteLine(title);
        var width = Math.Max(12, rows.Count == 0 ? 0 : rows.Max(r => TerminalText.Clean(r.Id).Length + (r.IsCategory ? 0 : 2)));
        var header = "| " + "category / sub-test".PadRight(width) + " | " + "n".PadLeft(7) + " | "
            + string.Join(" | ", AdoptionTable.Statuses.Select(s => s.Replace('_', ' ').ToLowerInvariant().PadLeft(12))) + " |";
        output.WriteLine(header);
        output.WriteLine("|" + string.Join("|", header.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(c => new string('-', c.Length))) + "|");
        foreach (var row in rows)
        {
            var name = TerminalText.Clean(row.IsCategory ? row.Id : "  " + row.Id).PadRight(width);
            var cells = AdoptionTable.Statuses.Select(s => row.Percent(s).ToString("0.0", CultureInfo.InvariantCulture).PadLeft(11) + "%");
            output.WriteLine($"| {name} | {row.Counted,7} | {string.Join(" | ", cells)} |");
        }
    }
}
