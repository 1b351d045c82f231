using MailScan.Checks.Options;

namespace MailScan.Checks.Scanning;

/// <summary>
/// The outer time limits of probes and domains, in one place for every dispatcher: a probe that
/// waits out strict servers keeps its own allowance (the probe's time, or the strict-server budget)
/// and gets the budget on top of the probe's time as its outer bound; a domain gets the budget on
/// top of its own time, since one of its servers may need it.
/// </summary>
public static class ScanTimeLimits
{
    private static readonly IReadOnlySet<string> Waiting = ProbeCatalog.All.Where(e => e.Kind.WaitsOutStrictServers).Select(e => e.Kind.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether probes of this kind wait out strict servers (and so may take the strict-server budget).</summary>
    public static bool WaitsOutStrictServers(string kind) => Waiting.Contains(kind);

    /// <summary>How long a probe of this kind may run in all.</summary>
    public static TimeSpan Probe(string kind, MailScanOptions options) =>
        Waiting.Contains(kind) ? options.Scan.ProbeTimeout + options.Smtp.StrictServerBudget : options.Scan.ProbeTimeout;

    /// <summary>How long one domain may take in all.</summary>
    public static TimeSpan Domain(MailScanOptions options) => options.Scan.DomainTimeout + options.Smtp.StrictServerBudget;
}
