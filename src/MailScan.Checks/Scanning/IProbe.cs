namespace MailScan.Checks.Scanning;

/// <summary>
/// A probe does I/O against one target and returns evidence; it never decides a verdict.
/// Adding a probe is adding one class of this kind and registering it.
/// </summary>
public interface IProbe
{
    /// <summary>The kind this probe serves (see <see cref="ProbeKinds"/>).</summary>
    string Kind { get; }

    /// <summary>Runs the probe. Failures of the target are evidence; only faults of ours throw.</summary>
    Task<ProbeResult> RunAsync(ProbeRequest request, CancellationToken cancellationToken);
}
