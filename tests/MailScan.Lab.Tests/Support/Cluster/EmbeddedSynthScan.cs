namespace MailScan.Lab.Tests.Support.Cluster;

/// <summary>
/// The synthetic TLD scanned once in embedded mode (`mailscan batch` in one process): the
/// reference the cluster must match, in its reports and in the connections the mail servers saw.
/// </summary>
public sealed class EmbeddedSynthScan : IAsyncLifetime
{
    private readonly ClusterLab _lab = ClusterLab.Load();

    /// <summary>Each domain's report with timings and other run-dependent fields removed (see <see cref="ReportComparison"/>).</summary>
    public IReadOnlyDictionary<string, string> Reports { get; private set; } = new Dictionary<string, string>();

    /// <summary>The results file as `mailscan batch` wrote it, line by line (the survey report's input).</summary>
    public IReadOnlyList<string> Lines { get; private set; } = [];

    /// <summary>Connections each synthetic mail address received during the embedded scan.</summary>
    public IReadOnlyDictionary<string, int> Connections { get; private set; } = new Dictionary<string, int>();

    public async Task InitializeAsync()
    {
        var output = Path.Combine(Path.GetTempPath(), $"mailscan-embedded-{Guid.NewGuid():N}.jsonl");
        try
        {
            var logStart = SynthMaillog.End(_lab);
            var run = await CliProcess.RunAsync(["batch", _lab.DomainsFile, "--profile", LabEnvironment.ProfilePath, "--out", output]);
            Assert.True(run.ExitCode == 0, run.Stderr);
            Connections = await SynthMaillog.ConnectionsSinceAsync(_lab, logStart);
            Lines = await ResultLines.ReadAsync(output);
            Reports = Lines.ToDictionary(
                line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("domain").GetString()!,
                ReportComparison.Normalised);
        }
        finally
        {
            File.Delete(output);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
