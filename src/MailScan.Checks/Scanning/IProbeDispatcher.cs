namespace MailScan.Checks.Scanning;

/// <summary>Runs probes somewhere: in process, or on workers over the bus.</summary>
public interface IProbeDispatcher
{
    /// <summary>Runs one probe and returns its result; never throws for probe failures.</summary>
    Task<ProbeResult> DispatchAsync(ProbeRequest request, CancellationToken cancellationToken);
}
