namespace MailScan.Checks.Policy.MtaSts;

/// <summary>A parsed MTA-STS policy file (RFC 8461 §3.2).</summary>
public sealed record MtaStsPolicy(MtaStsMode Mode, long MaxAgeSeconds, IReadOnlyList<string> MxPatterns, IReadOnlyList<string> Extensions)
{
    /// <summary>The largest max_age allowed: 31557600 seconds (about one year).</summary>
    public const long MaxMaxAge = 31_557_600;

    /// <summary>Whether an MX host name is covered by a pattern ("mail.example.com" or "*.example.com", §4.1).</summary>
    public bool Covers(string mxHost)
    {
        var host = mxHost.TrimEnd('.').ToLowerInvariant();
        foreach (var pattern in MxPatterns.Select(p => p.TrimEnd('.').ToLowerInvariant()))
        {
            if (pattern.StartsWith("*.", StringComparison.Ordinal))
            {
                var dot = host.IndexOf('.');
                if (dot > 0 && host[(dot + 1)..] == pattern[2..])
                    return true;
            }
            else if (host == pattern)
            {
                return true;
            }
        }
        return false;
    }
}
