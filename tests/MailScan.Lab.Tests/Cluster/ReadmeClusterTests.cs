using MailScan.Lab.Tests.Support;
using System.Text.Json;
using Grpc.Net.Client;
using MailScan.Cli.Batch;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Lab.Tests.Cluster;

/// <summary>
/// The cluster as README.md starts it: its coordinator and worker commands, read from the README,
/// with the lab's RabbitMQ and Redis in place of URL and HOST:PORT. The test adds only what keeps
/// it apart from other runs on this machine: the lab profile, its own addresses, a Redis prefix.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ReadmeClusterTests : IDisposable
{
    private readonly ClusterLab _lab = ClusterLab.Load();
    private readonly string _dir = Directory.CreateTempSubdirectory("mailscan-readme-").FullName;
    private readonly string _url;
    private readonly Dictionary<string, string> _environment;

    public ReadmeClusterTests()
    {
        _url = $"http://{_lab.Net}.50.3:5080";
        _environment = new Dictionary<string, string>
        {
            ["MAILSCAN__Cluster__RedisPrefix"] = $"test-{Guid.NewGuid():N}:",
            ["MAILSCAN__Cluster__CoordinatorId"] = "readme-test-coordinator",
            // Checks every second, so the test waits for the coordinator's answer, not its interval.
            ["MAILSCAN__Cluster__ConsumerCheckInterval"] = "00:00:01",
            // A probe nobody answers ends 5 s after its own limit, not 30 s.
            ["MAILSCAN__Cluster__BusMargin"] = "00:00:05",
            ["NO_COLOR"] = "1",
        };
    }

    [Fact]
    public async Task Workers_started_as_the_readme_shows_serve_every_family_and_the_readmes_batch_command_completes()
    {
        var names = _lab.Domains.Skip(40).Take(8).ToList();
        var file = Path.Combine(_dir, "names.txt");
        await File.WriteAllLinesAsync(file, names);
        await using var coordinator = StartCoordinator();
        await using var worker = StartWorker([]);
        await WaitForAsync(coordinator, "Every probe family has a worker", worker);

        var batch = ReadmeCommands.Arguments(ReadmeCommands.Find("./mailscan batch names.txt --server"), new Dictionary<string, string>
        {
            ["names.txt"] = file,
            ["http://HOST:5080"] = _url,
        });
        var run = await CliProcess.RunAsync(batch);

        Assert.True(run.ExitCode == 0, $"{run.Stderr}\n{coordinator.Output}");
        Assert.DoesNotContain("NO WORKER", run.Stderr);
        var reports = (await ResultLines.ReadAsync(Path.Combine(_dir, "names.results.jsonl"))).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(names.Order(), reports.Select(r => r.GetProperty("domain").GetString()).Order());
        var probes = reports.SelectMany(r => r.GetProperty("probes").EnumerateArray()).ToList();
        Assert.Contains(probes, p => p.GetProperty("kind").GetString() == "https.mta-sts");
        Assert.DoesNotContain(probes, p => p.TryGetProperty("reason", out var reason) && reason.GetString()!.Contains("no worker", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_family_left_out_of_every_worker_is_named_in_the_coordinators_log_in_GetBatch_and_in_the_progress_line()
    {
        var names = _lab.Domains.Skip(50).Take(2).ToList();
        var file = Path.Combine(_dir, "two.txt");
        await File.WriteAllLinesAsync(file, names);
        // A probe of the missing family ends at its limit; 20 s keep the batch running while the test looks.
        await using var coordinator = StartCoordinator("--probe-timeout", "20");
        await using var worker = StartWorker(["--kinds", "dns,ns,smtp,rpki"]);
        await WaitForAsync(coordinator, "No worker consumes the probe family https (queue probe-https)", worker);

        var batch = ReadmeCommands.Arguments(ReadmeCommands.Find("./mailscan batch names.txt --server"), new Dictionary<string, string>
        {
            ["names.txt"] = file,
            ["http://HOST:5080"] = _url,
        });
        var cli = CliProcess.RunAsync(batch);
        using var channel = GrpcChannel.ForAddress(_url);
        var client = new V1.MailScanService.MailScanServiceClient(channel);
        var status = await RunningStatusAsync(client, Path.Combine(_dir, "two.results.jsonl"), coordinator);
        Assert.Equal(V1.BatchState.Running, status.State);
        Assert.Equal(["https"], status.FamiliesWithoutWorker);

        var run = await cli;
        Assert.True(run.ExitCode == 0, $"{run.Stderr}\n{coordinator.Output}");
        Assert.Contains("NO WORKER for probe family https", run.Stderr);
        var reports = (await ResultLines.ReadAsync(Path.Combine(_dir, "two.results.jsonl"))).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var mtaSts = reports.SelectMany(r => r.GetProperty("probes").EnumerateArray()).Where(p => p.GetProperty("kind").GetString() == "https.mta-sts").ToList();
        Assert.Equal(names.Count, mtaSts.Count);
        Assert.All(mtaSts, p => Assert.Contains("no worker consumes the probe family https, queue probe-https", p.GetProperty("reason").GetString()));
        Assert.DoesNotContain("   at ", coordinator.Output);
    }

    private ServiceProcess StartCoordinator(params string[] flags)
    {
        var args = ReadmeCommands.Arguments(ReadmeCommands.Find("./mailscan coordinator"), Placeholders());
        return ServiceProcess.Start("coordinator", [.. args, "--profile", LabEnvironment.ProfilePath, "--listen", _url, .. flags], _environment);
    }

    private ServiceProcess StartWorker(IReadOnlyList<string> flags)
    {
        var args = ReadmeCommands.Arguments(ReadmeCommands.Find("./mailscan worker"), Placeholders());
        return ServiceProcess.Start("worker", [.. args, "--profile", LabEnvironment.ProfilePath, .. flags], _environment);
    }

    private Dictionary<string, string> Placeholders() => new() { ["URL"] = _lab.RabbitMq, ["HOST:PORT"] = _lab.Redis };

    /// <summary>GetBatch of the batch `mailscan batch` submitted, as soon as its checkpoint names it.</summary>
    private static async Task<V1.BatchStatus> RunningStatusAsync(V1.MailScanService.MailScanServiceClient client, string results, ServiceProcess coordinator)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < until)
        {
            if (BatchCheckpoint.Load(results) is { } checkpoint)
                return await client.GetBatchAsync(new V1.GetBatchRequest { BatchId = checkpoint.BatchId });
            await Task.Delay(200);
        }
        throw new TimeoutException($"mailscan batch wrote no checkpoint within 90 s:\n{coordinator.Output}");
    }

    private static async Task WaitForAsync(ServiceProcess coordinator, string text, ServiceProcess worker)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < until && !coordinator.Output.Contains(text, StringComparison.Ordinal))
        {
            if (coordinator.HasExited || worker.HasExited)
                break;
            await Task.Delay(200);
        }
        Assert.True(coordinator.Output.Contains(text, StringComparison.Ordinal), $"the coordinator never logged \"{text}\":\n{coordinator.Output}\n--- worker\n{worker.Output}");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
