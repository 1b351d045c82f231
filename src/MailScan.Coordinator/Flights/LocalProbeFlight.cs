using MailScan.Checks.Scanning;

namespace MailScan.Coordinator.Flights;

/// <summary>One process: HybridCache's own stampede protection is the single flight, so the probe just runs.</summary>
public sealed class LocalProbeFlight : IProbeFlight
{
    public async Task<(ProbeResult Result, bool Shared)> RunOnceAsync(ProbeRequest request, Func<CancellationToken, Task<ProbeResult>> run, CancellationToken cancellationToken) =>
        (await run(cancellationToken).ConfigureAwait(false), false);
}
