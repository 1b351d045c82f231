namespace MailScan.Checks.Options;

/// <summary>How the authenticity checks (SPF, DMARC, DKIM, MTA-STS, TLS-RPT) look things up.</summary>
public sealed class AuthOptions
{
    /// <summary>DKIM selectors to look up and parse, comma-separated (they also reveal servers that answer NXDOMAIN for _domainkey wrongly).</summary>
    public string DkimSelectors { get; set; } = "default,selector1,selector2,google";

    /// <summary>A Public Suffix List file; empty means Debian's copy when installed, else the built-in copy.</summary>
    public string? PublicSuffixListFile { get; set; }

    /// <summary>Time for the whole MTA-STS policy fetch (connect, TLS, response).</summary>
    public TimeSpan MtaStsTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest MTA-STS policy file read; a larger one is refused (RFC 8461 §3.3 suggests 64 KiB).</summary>
    public int MtaStsMaxBytes { get; set; } = 64 * 1024;

    /// <summary>Most DNS lookups one domain's SPF walk may make (includes, redirects, a/mx/exists targets).</summary>
    public int SpfMaxLookups { get; set; } = 60;

    /// <summary>The selectors, trimmed, without empty entries.</summary>
    public IReadOnlyList<string> Selectors() =>
        DkimSelectors.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
