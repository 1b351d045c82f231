using System.CommandLine;
using MailScan.Cli.Batch;
using MailScan.Coordinator.InternetNl;

namespace MailScan.Cli.Commands;

/// <summary><c>mailscan convert RESULTS.jsonl --to internetnl</c>: a results file in the shape of Internet.nl's batch API v2 results.</summary>
internal static class ConvertCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("results") { Description = "a results file of `mailscan batch` (JSONL)" };
        var to = new Option<string>("--to") { Description = "the shape to write: internetnl (Internet.nl's batch API v2 results, docs/INTERNETNL-BATCH.md)", HelpName = "internetnl", Required = true };
        var output = new Option<string?>("--out", "-o") { Description = "where to write (default: standard output)", HelpName = "PATH" };
        var name = new Option<string?>("--name") { Description = "the request's name in the document (default: the file's name)", HelpName = "TEXT" };
        var command = new Command("convert", "Write a results file in another shape: Internet.nl's batch results JSON") { file, to, output, name };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(file)!, result.GetValue(to)!, result.GetValue(output), result.GetValue(name), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string path, string to, string? output, string? name, CancellationToken cancellationToken)
    {
        if (!string.Equals(to, "internetnl", StringComparison.OrdinalIgnoreCase))
            return Fail($"--to: '{to}' is not a known shape; the one there is: internetnl");
        if (!File.Exists(path))
            return Fail($"no file '{path}'");
        var reports = await ReportLines.ReadAsync(path, Console.Error, cancellationToken).ConfigureAwait(false);
        if (reports.Count == 0)
            return Fail($"{path} holds no report");
        var json = InternetNlResults.ToJson(InternetNlResults.From(reports, name ?? Path.GetFileName(path)));
        if (output is null)
            await Console.Out.WriteLineAsync(json).ConfigureAwait(false);
        else
            await File.WriteAllTextAsync(output, json + "\n", ResultFile.Utf8, cancellationToken).ConfigureAwait(false);
        return ExitCodes.Scanned;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return ExitCodes.BadInput;
    }
}
