using System.CommandLine;
using MailScan.Cli.Survey;
using MailScan.Coordinator.Reports;

namespace MailScan.Cli.Commands;

/// <summary><c>mailscan report RESULTS.jsonl -o survey.html [--compare OLD.jsonl]</c>: a TLD survey as one self-contained HTML file.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("results") { Description = "a results file of `mailscan batch` (JSONL)" };
        var output = new Option<string>("--out", "-o") { Description = "the HTML file to write", HelpName = "FILE", Required = true };
        var compare = new Option<string?>("--compare") { Description = "an older results file: show what changed since", HelpName = "OLD.jsonl" };
        var command = new Command("report", "Write a survey report of a results file: adoption per category and sub-test, scores, mail providers, DNSSEC, DANE and RPKI, as charts beside their numbers in one HTML file") { file, output, compare };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(file)!, result.GetValue(output)!, result.GetValue(compare), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string path, string output, string? comparePath, CancellationToken cancellationToken)
    {
        foreach (var input in new[] { path, comparePath }.OfType<string>())
        {
            if (!File.Exists(input))
            {
                Console.Error.WriteLine($"error: no file '{TerminalText.Clean(input)}'");
                return ExitCodes.BadInput;
            }
        }
        var data = await ReadAsync(path, cancellationToken).ConfigureAwait(false);
        var old = comparePath is null ? null : await ReadAsync(comparePath, cancellationToken).ConfigureAwait(false);
        if (data is null || (comparePath is not null && old is null))
            return ExitCodes.BadInput;
        var html = SurveyHtml.Of(Path.GetFileName(path), data, old is null ? null : (Path.GetFileName(comparePath!), old));
        await File.WriteAllTextAsync(output, html, cancellationToken).ConfigureAwait(false);
        Console.Error.WriteLine($"wrote {TerminalText.Clean(output)}: {data.Adoption.Domains} domains{(old is null ? string.Empty : $", compared with {old.Adoption.Domains} of {TerminalText.Clean(comparePath)}")}");
        return ExitCodes.Scanned;
    }

    /// <summary>The survey data of a file, or null (and why, on stderr) when it holds no scanned domain; unreadable lines are named and skipped.</summary>
    private static async Task<SurveyData?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var data = await SurveyData.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        foreach (var line in data.Skipped.Take(10))
            Console.Error.WriteLine($"{TerminalText.Clean(path)}:{line.Line}: skipped: not a report ({TerminalText.Clean(line.Reason)})");
        if (data.Adoption.Domains > 0)
            return data;
        Console.Error.WriteLine($"error: {TerminalText.Clean(path)} holds no scanned domain");
        return null;
    }
}
