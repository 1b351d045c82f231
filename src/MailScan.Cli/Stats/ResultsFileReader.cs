using System.Text.Json;
using Google.Protobuf;
using MailScan.Cli.Batch;
using MailScan.Coordinator.CompactResults;

using V1 = MailScan.Contracts.V1;

namespace MailScan.Cli.Stats;

/// <summary>
/// Reads a results file of `mailscan batch` (one DomainReport as JSON per line, gzip-compressed or
/// not), handing each report to the caller (the adoption table, the score distribution) as a full
/// report: the host evidence lines of a compact file are kept and put back into the reports that
/// name them. A line that is neither (cut short by a crash, or not JSON at all) is skipped and
/// named; nothing in the file can stop the reading with an exception.
/// </summary>
internal static class ResultsFileReader
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static async Task<IReadOnlyList<SkippedLine>> ReadAsync(string path, Action<V1.DomainReport> add, CancellationToken cancellationToken)
    {
        using var reader = ResultsFileText.OpenReader(path);
        return await ReadAsync(reader, add, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<IReadOnlyList<SkippedLine>> ReadAsync(TextReader reader, Action<V1.DomainReport> add, CancellationToken cancellationToken)
    {
        var skipped = new List<SkippedLine>();
        var evidence = new Dictionary<string, Google.Protobuf.WellKnownTypes.Struct>(StringComparer.Ordinal);
        var lineNumber = 0L;
        while (await ReadLineAsync(reader, skipped, lineNumber, cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
                continue;
            try
            {
                if (HostEvidenceLine.Read(line) is { } host)
                {
                    evidence[host.Ref] = host.Evidence;
                    continue;
                }
                var report = Parser.Parse<V1.DomainReport>(line);
                CompactReports.Resolve(report, evidence.GetValueOrDefault);
                add(report);
            }
            catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or FormatException or ArgumentException or JsonException)
            {
                // InvalidJsonException (truncated or malformed JSON) is an IOException, not a protobuf error.
                skipped.Add(new SkippedLine(lineNumber, ex.Message));
            }
        }
        return skipped;
    }

    /// <summary>The next line, or null at the end; compressed data that breaks off (a crash mid-write) ends the file there, named as skipped.</summary>
    private static async Task<string?> ReadLineAsync(TextReader reader, List<SkippedLine> skipped, long lineNumber, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            skipped.Add(new SkippedLine(lineNumber + 1, $"the compressed data breaks off: {ex.Message}"));
            return null;
        }
    }
}
