using MailScan.Checks.Scanning;

namespace MailScan.Coordinator.Flights;

/// <summary>
/// Single flight of host probes: of all the processes that need one probe key at the same time,
/// one runs the probe and the others get its result. In one process the cache already does this.
/// </summary>
public interface IProbeFlight
{
    /// <summary>Runs the probe here, or waits for the process that runs it; Shared says the result came from elsewhere.</summary>
    Task<(ProbeResult Result, bool Shared)> RunOnceAsync(ProbeRequest request, Func<CancellationToken, Task<ProbeResult>> run, CancellationToken cancellationToken);
}
