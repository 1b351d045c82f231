using MailScan.Lab.Tests.Support;
using System.Diagnostics;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Lab.Tests.Cluster;

/// <summary>Faults in the middle of a batch: whatever dies, every domain is reported exactly once.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterFaultTests(EmbeddedSynthScan embedded)
{
    private readonly ClusterLab _lab = ClusterLab.Load();

    [Fact]
    public async Task A_worker_killed_with_sigkill_mid_batch_loses_no_domain()
    {
        await using var cluster = await LabCluster.StartAsync(_lab, workers: 2);
        await BatchWithFaultAsync(cluster, () => cluster.Workers[0].KillAsync());
        Assert.True(cluster.Workers[0].HasExited);
    }

    [Fact]
    public async Task RabbitMQ_restarted_mid_batch_loses_no_domain()
    {
        await using var cluster = await LabCluster.StartAsync(_lab, workers: 2);
        var results = await BatchWithFaultAsync(cluster, () => LabClusterScriptAsync("restart-rabbitmq"));
        Assert.All(results, r => Assert.Equal("", r.Report.Error));
        // The coordinator saw its bus come back, so a probe whose answer the restart lost was sent again.
        Assert.Contains("The bus reconnected", cluster.Coordinator!.Output);
    }

    [Fact]
    public async Task Redis_restarted_mid_batch_loses_no_domain_and_changes_no_report()
    {
        await using var cluster = await LabCluster.StartAsync(_lab, workers: 2);
        var results = await BatchWithFaultAsync(cluster, () => LabClusterScriptAsync("restart-redis"));
        Assert.All(cluster.Workers.Prepend(cluster.Coordinator!), p => Assert.False(p.HasExited, $"{p.Name} stopped\n{cluster.Logs()}"));
        var differences = ReportComparison.Differences(results, embedded.Reports);
        Assert.True(differences.Count == 0, $"{differences.Count} reports differ from the embedded scan's, e.g.\n{string.Join("\n", differences.Take(2))}\n{cluster.Logs()}");
    }

    /// <summary>The synthetic TLD as one batch, with <paramref name="fault"/> struck when a fifth of it is reported; every domain must still come exactly once.</summary>
    private async Task<List<V1.BatchResult>> BatchWithFaultAsync(LabCluster cluster, Func<Task> fault)
    {
        var domains = _lab.Domains;
        var batch = await BatchClient.SubmitAsync(cluster.Client, domains);
        var results = new List<V1.BatchResult>();
        try
        {
            await BatchClient.FollowAsync(cluster.Client, batch.BatchId, 0, results, async count =>
            {
                if (count == domains.Count / 5)
                    await fault();
            });
        }
        catch (Exception ex) when (ex is Grpc.Core.RpcException or OperationCanceledException)
        {
            // A stream that stalls says where it stopped and what the processes logged.
            Assert.Fail($"the result stream broke off after {results.Count} of {domains.Count} results ({ex.Message})\n{cluster.Logs()}");
        }
        BatchClient.AssertExactlyOnce(domains, results, cluster.Logs());
        return results;
    }

    [Fact]
    public async Task A_coordinator_restarted_mid_batch_resumes_and_a_client_with_its_cursor_misses_nothing()
    {
        var domains = _lab.Domains;
        await using var cluster = await LabCluster.StartAsync(_lab, workers: 2);
        var batch = await BatchClient.SubmitAsync(cluster.Client, domains);
        var results = new List<V1.BatchResult>();
        using var stopAt = new CancellationTokenSource();
        try
        {
            await BatchClient.FollowAsync(cluster.Client, batch.BatchId, 0, results, async count =>
            {
                if (count == domains.Count / 4)
                {
                    await cluster.Coordinator!.KillAsync();
                    await stopAt.CancelAsync();
                }
            }, stopAt.Token);
        }
        catch (Exception ex) when (ex is Grpc.Core.RpcException or OperationCanceledException && stopAt.IsCancellationRequested)
        {
            // The coordinator is gone mid-stream, as intended.
        }
        Assert.True(results.Count == domains.Count / 4, $"the stream ended after {results.Count} results, before the coordinator was killed\n{cluster.Logs()}");
        var cursor = results[^1].Cursor;
        await cluster.StartCoordinatorAsync();
        await BatchClient.FollowAsync(cluster.Client, batch.BatchId, cursor, results);

        BatchClient.AssertExactlyOnce(domains, results, cluster.Logs());
        Assert.All(results, r => Assert.Equal("", r.Report.Error));
    }

    [Fact]
    public async Task The_batch_command_reconnects_with_its_cursor_when_the_coordinator_restarts()
    {
        var domains = _lab.Domains;
        var output = Path.Combine(Path.GetTempPath(), $"mailscan-reconnect-{Guid.NewGuid():N}.jsonl");
        try
        {
            await using var cluster = await LabCluster.StartAsync(_lab, workers: 2);
            var client = CliProcess.RunAsync(["batch", _lab.DomainsFile, "--server", cluster.Url, "--out", output]);
            while (!File.Exists(output) || ResultLines.Read(output).Length < domains.Count / 4)
            {
                Assert.False(client.IsCompleted, "the batch ended before the coordinator could be restarted");
                await Task.Delay(100);
            }
            await cluster.Coordinator!.KillAsync();
            await cluster.StartCoordinatorAsync();

            var run = await client;
            Assert.True(run.ExitCode == 0, run.Stderr + cluster.Logs());
            Assert.Contains("reconnecting from result", run.Stderr);
            var reported = (await ResultLines.ReadAsync(output)).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("domain").GetString()!).ToList();
            Assert.Equal(domains.Order(), reported.Order());
        }
        finally
        {
            File.Delete(output);
            File.Delete(output + ".batch.json");
        }
    }

    /// <summary>Runs a command of deploy/lab/cluster (a service restart) and waits for it.</summary>
    private static async Task LabClusterScriptAsync(string command)
    {
        var start = new ProcessStartInfo(Path.Combine(LabEnvironment.RepositoryRoot, "deploy", "lab", "cluster"), [command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await output);
    }
}
