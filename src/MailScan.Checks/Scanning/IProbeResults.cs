namespace MailScan.Checks.Scanning;

/// <summary>The results of a scan's probes, looked up by key.</summary>
public interface IProbeResults
{
    /// <summary>The result of a probe, or null when it was not run.</summary>
    ProbeResult? Find(ProbeKey key);
}
