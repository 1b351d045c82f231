using Google.Protobuf;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Cli.Batch;

/// <summary>The reports of a JSONL results file; a line that is not a report is named on stderr and skipped.</summary>
internal static class ReportLines
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static async Task<IReadOnlyList<V1.DomainReport>> ReadAsync(string path, TextWriter errors, CancellationToken cancellationToken)
    {
        var reports = new List<V1.DomainReport>();
        var lineNumber = 0;
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
                continue;
            try
            {
                reports.Add(Parser.Parse<V1.DomainReport>(line));
            }
            catch (InvalidProtocolBufferException ex)
            {
                await errors.WriteLineAsync($"{path}:{lineNumber}: skipped: not a report ({ex.Message})").ConfigureAwait(false);
            }
        }
        return reports;
    }
}
