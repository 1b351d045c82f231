using MailScan.Checks.Discovery;
using MailScan.Checks.Input;
using MailScan.Checks.Verdicts;

namespace MailScan.Checks.Scanning;

/// <summary>The full result of the mail test for one domain, with the evidence behind it.</summary>
public sealed record ScanReport(
    DomainName Domain,
    DateTimeOffset StartedAt,
    TimeSpan Elapsed,
    IReadOnlyList<CategoryResult> Categories,
    MailServerEvidence Servers,
    IReadOnlyList<ProbeResult> Probes)
{
    /// <summary>The scanner's version, for researchers comparing runs.</summary>
    /// <summary>The overall score over the categories that have one (<see cref="Scoring.Overall"/>).</summary>
    public OverallScore Score => Scoring.Overall(Categories);

    public static string ScannerVersion { get; } =
        typeof(ScanReport).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
