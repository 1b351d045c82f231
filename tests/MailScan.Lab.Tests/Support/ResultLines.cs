using Google.Protobuf;
using MailScan.Cli.Stats;

namespace MailScan.Lab.Tests.Support;

/// <summary>The reports of a results file (compact or with full evidence, gzip or plain) as full JSON lines, read the way `mailscan stats` reads them.</summary>
internal static class ResultLines
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);

    public static async Task<string[]> ReadAsync(string path)
    {
        var lines = new List<string>();
        await ResultsFileReader.ReadAsync(path, report => lines.Add(Formatter.Format(report)), CancellationToken.None);
        return [.. lines];
    }

    public static string[] Read(string path) => ReadAsync(path).GetAwaiter().GetResult();
}
