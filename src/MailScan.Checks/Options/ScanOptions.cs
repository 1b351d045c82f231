using MailScan.Checks.Scanning;

namespace MailScan.Checks.Options;

/// <summary>Concurrency and time limits of a scan.</summary>
public sealed class ScanOptions
{
    /// <summary>Domains scanned at the same time (batches); with <see cref="AdaptiveConcurrency"/> where the count starts.</summary>
    public int DomainConcurrency { get; set; } = 32;

    /// <summary>Probes of one domain run at the same time; in one process also where each probe kind's limit starts.</summary>
    public int ProbeConcurrency { get; set; } = 16;

    /// <summary>
    /// Whether the domains in flight and, in one process, each probe kind's probes at once follow
    /// latency (grow while the work does not queue and the cores are below <see cref="CpuTarget"/>,
    /// shrink when latency rises or work fails) instead of staying at their starting counts.
    /// </summary>
    public bool AdaptiveConcurrency { get; set; } = true;

    /// <summary>The most domains in flight an adaptive limit may reach.</summary>
    public int MaxDomainConcurrency { get; set; } = 1024;

    /// <summary>The most probes of one kind at once an adaptive limit may reach (in one process).</summary>
    public int MaxKindConcurrency { get; set; } = 512;

    /// <summary>The share of the machine's cores this process may keep busy before its adaptive limits stop growing.</summary>
    public double CpuTarget { get; set; } = 0.8;

    /// <summary>Upper bound for one probe, all its steps together.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Upper bound for a whole domain scan.</summary>
    public TimeSpan DomainTimeout { get; set; } = TimeSpan.FromSeconds(180);

    /// <summary>The limit of domains in flight these options give.</summary>
    public AdaptiveLimitSettings DomainLimit() => Limit(DomainConcurrency, MaxDomainConcurrency);

    /// <summary>The limit of one probe kind's probes at once in one process, starting at <paramref name="initial"/>.</summary>
    public AdaptiveLimitSettings KindLimit(int initial) => Limit(initial, MaxKindConcurrency);

    private AdaptiveLimitSettings Limit(int initial, int max) => AdaptiveConcurrency
        ? new(initial, Math.Min(initial, 4), Math.Max(initial, max), CpuTarget)
        : AdaptiveLimitSettings.Fixed(initial);
}
