namespace MailScan.Checks.Scanning;

/// <summary>
/// A probe does I/O against one target and returns evidence; it never decides a verdict.
/// Adding a probe is one class of this kind, with its declaration, and one line in <see cref="ProbeCatalog"/>.
/// </summary>
public interface IProbe
{
    /// <summary>The kind this probe serves: the name of its declaration in <see cref="ProbeCatalog"/>.</summary>
    string Kind { get; }

    /// <summary>Runs the probe. Failures of the target are evidence; only faults of ours throw.</summary>
    Task<ProbeResult> RunAsync(ProbeRequest request, CancellationToken cancellationToken);
}
