using Google.Protobuf;

using V1 = MailScan.Contracts.V1;

namespace MailScan.Cli.Stats;

/// <summary>
/// Reads a results file of `mailscan batch` (one DomainReport as JSON per line), handing each
/// report to the caller (the adoption table, the score distribution). A line that is not a report (cut short by a crash, or not JSON at all) is skipped and
/// named; nothing in the file can stop the reading with an exception.
/// </summary>
internal static class ResultsFileReader
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static async Task<IReadOnlyList<SkippedLine>> ReadAsync(TextReader reader, Action<V1.DomainReport> add, CancellationToken cancellationToken)
    {
        var skipped = new List<SkippedLine>();
        var lineNumber = 0L;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
                continue;
            try
            {
                add(Parser.Parse<V1.DomainReport>(line));
            }
            catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or FormatException or ArgumentException)
            {
                // InvalidJsonException (truncated or malformed JSON) is an IOException, not a protobuf error.
                skipped.Add(new SkippedLine(lineNumber, ex.Message));
            }
        }
        return skipped;
    }
}
