namespace MailScan.Checks.Options;

/// <summary>Concurrency and time limits of a scan.</summary>
public sealed class ScanOptions
{
    /// <summary>Domains scanned at the same time (batches).</summary>
    public int DomainConcurrency { get; set; } = 32;

    /// <summary>Probes of one domain run at the same time.</summary>
    public int ProbeConcurrency { get; set; } = 16;

    /// <summary>Upper bound for one probe, all its steps together.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Upper bound for a whole domain scan.</summary>
    public TimeSpan DomainTimeout { get; set; } = TimeSpan.FromSeconds(180);
}
