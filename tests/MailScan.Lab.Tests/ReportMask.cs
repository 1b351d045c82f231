using System.Text.RegularExpressions;

namespace MailScan.Lab.Tests;

/// <summary>
/// What differs in a text report between runs and lab instances (LAB_INSTANCE moves the lab to
/// 127.(100+I)/16 and fd00:dead:I::/48), replaced by placeholders of the same width so the
/// alignment stays: the instance's address prefixes, the version, the time and probe counts, and
/// how long a strict server's evaluation took and over how many connections (both follow the
/// machine's pace within the strict-server budget).
/// </summary>
internal static partial class ReportMask
{
    public static string Apply(string text)
    {
        text = Ipv4Prefix().Replace(text, "127.NNN.");
        text = Ipv6Prefix().Replace(text, "fd00:dead:N:");
        text = Version().Replace(text, "(mailscan x.y.z)");
        text = StrictTook().Replace(text, "evaluation took N s");
        text = StrictConnections().Replace(text, "${word} N connections");
        return Footer().Replace(text, "in N s with N probes (N reused).");
    }

    [GeneratedRegex(@"\b127\.1[0-9]{2}\.")]
    private static partial Regex Ipv4Prefix();

    [GeneratedRegex(@"\bfd00:dead:[0-9]:")]
    private static partial Regex Ipv6Prefix();

    [GeneratedRegex(@"\(mailscan [0-9.]+\)")]
    private static partial Regex Version();

    [GeneratedRegex(@"evaluation took [0-9.]+ (s|min)\b")]
    private static partial Regex StrictTook();

    [GeneratedRegex(@"\b(?<word>over|after) [0-9]+ connections?\b")]
    private static partial Regex StrictConnections();

    [GeneratedRegex(@"in [0-9.]+ s with [0-9]+ probes \([0-9]+ reused\)\.")]
    private static partial Regex Footer();
}
