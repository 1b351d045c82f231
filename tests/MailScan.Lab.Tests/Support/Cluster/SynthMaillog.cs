using System.Text.RegularExpressions;

namespace MailScan.Lab.Tests.Support.Cluster;

/// <summary>The synthetic mail servers' own log, an outside witness of how often each address was contacted (listeners log as synth-ADDRESS).</summary>
internal static partial class SynthMaillog
{
    /// <summary>Where the log ends now: connections after this offset belong to what runs next.</summary>
    public static long End(ClusterLab lab) => new FileInfo(lab.SynthMaillog).Length;

    /// <summary>Connections each synthetic mail address received since a point in the log.</summary>
    public static async Task<Dictionary<string, int>> ConnectionsSinceAsync(ClusterLab lab, long offset)
    {
        // Postfix hands its log lines to postlogd, which writes them a moment later: wait until the log stops growing.
        var length = -1L;
        while (new FileInfo(lab.SynthMaillog).Length is var now && now != length)
        {
            length = now;
            await Task.Delay(300);
        }
        using var log = new FileStream(lab.SynthMaillog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        log.Position = offset;
        using var reader = new StreamReader(log);
        return ConnectFrom().Matches(await reader.ReadToEndAsync()).GroupBy(m => m.Groups["address"].Value).ToDictionary(g => g.Key, g => g.Count());
    }

    [GeneratedRegex(@" synth-(?<address>[0-9a-f.:]+)/smtpd\[\d+\]: connect from ")]
    private static partial Regex ConnectFrom();
}
