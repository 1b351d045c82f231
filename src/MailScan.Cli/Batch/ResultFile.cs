using System.Text;
using System.Text.Json;

namespace MailScan.Cli.Batch;

/// <summary>
/// A results file that already exists (for --resume): which domains it holds, and making it end
/// on a whole line again when an interruption cut the last one (that domain is scanned again).
/// </summary>
internal static class ResultFile
{
    public static async Task<HashSet<string>> ReportedDomainsAsync(string path, ResultFormat format, CancellationToken cancellationToken)
    {
        var domains = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(path))
            return domains;
        TrimPartialLine(path);
        var header = true;
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false))
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
