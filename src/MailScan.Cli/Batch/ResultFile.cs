using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace MailScan.Cli.Batch;

/// <summary>
/// A results file that already exists (for --resume): which domains it holds, and making it end
/// on a whole line again when an interruption cut the last one (that domain is scanned again). A
/// gzip file is written anew from its whole lines, since a gzip member cut short cannot be
/// continued: the writer then appends a member of its own.
/// </summary>
internal static class ResultFile
{
    public static async Task<HashSet<string>> ReportedDomainsAsync(string path, ResultFormat format, CancellationToken cancellationToken)
    {
        var domains = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(path))
            return domains;
        IReadOnlyList<string> lines = ResultsFileText.IsGzip(path)
            ? await RewriteCompressedAsync(path, cancellationToken).ConfigureAwait(false)
            : TrimmedLines(path);
        var header = true;
        foreach (var line in lines)
        {
            if (format == ResultFormat.Csv)
            {
                if (!header && line.Length > 0)
                    domains.Add(line.Split(',')[0]);
                header = false;
            }
            else if (DomainOf(line) is { } domain)
            {
                domains.Add(domain);
            }
        }
        return domains;
    }

    /// <summary>The CSV header of an existing file, or null.</summary>
    public static string? CsvHeader(string path) =>
        File.Exists(path) ? File.ReadLines(path).FirstOrDefault(l => l.Length > 0) : null;

    private static string? DomainOf(string line)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            return json.RootElement.TryGetProperty("domain", out var domain) ? domain.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string[] TrimmedLines(string path)
    {
        TrimPartialLine(path);
        return File.ReadAllLines(path);
    }

    /// <summary>Writes the whole lines of a gzip file to a new gzip file in its place; returns the lines. A last line that is not whole JSON is left out.</summary>
    private static async Task<List<string>> RewriteCompressedAsync(string path, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        using (var reader = ResultsFileText.OpenReader(path))
        {
            try
            {
                while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
                    lines.Add(line);
            }
            catch (InvalidDataException)
            {
                // The compressed data breaks off: what came before it stays.
            }
        }
        if (lines.Count > 0 && !IsJson(lines[^1]))
            lines.RemoveAt(lines.Count - 1);
        var rewritten = path + ".rewrite";
        await using (var file = new FileStream(rewritten, FileMode.Create))
        await using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
        await using (var writer = new StreamWriter(gzip, Utf8))
        {
            foreach (var line in lines)
                await writer.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
        }
        File.Move(rewritten, path, overwrite: true);
        return lines;
    }

    private static bool IsJson(string line)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void TrimPartialLine(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        if (file.Length == 0)
            return;
        var buffer = new byte[1];
        var end = file.Length;
        while (end > 0)
        {
            file.Position = end - 1;
            file.ReadExactly(buffer);
            if (buffer[0] == (byte)'\n')
                break;
            end--;
        }
        if (end < file.Length)
            file.SetLength(end);
    }

    public static Encoding Utf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
}
