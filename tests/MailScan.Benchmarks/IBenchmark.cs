namespace MailScan.Benchmarks;

/// <summary>
/// One benchmark: measures ours beside a peer tool in the same run and prints a table for
/// docs/BENCHMARKS.md. Adding a benchmark is adding one class; Program finds it by name.
/// </summary>
public interface IBenchmark
{
    /// <summary>The name on the command line (e.g. "dnssec").</summary>
    string Name { get; }

    /// <summary>One line on what it measures.</summary>
    string Description { get; }

    /// <summary>Runs it; returns the process exit code.</summary>
    Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken);
}
