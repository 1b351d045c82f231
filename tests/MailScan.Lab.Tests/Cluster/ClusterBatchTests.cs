using StackExchange.Redis;

using V1 = MailScan.Contracts.V1;

namespace MailScan.Lab.Tests.Cluster;

/// <summary>A batch of the synthetic TLD through a coordinator and two worker processes on the lab's RabbitMQ and Redis.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterBatchTests(EmbeddedSynthScan embedded)
{
    private readonly ClusterLab _lab = ClusterLab.Load();

    [Fact]
    public async Task Reports_from_a_coordinator_and_two_workers_equal_the_embedded_reports()
    {
        var domains = _lab.Domains;
        await using var cluster = await LabCluster.StartAsync(_lab, workers: 2);
        var batch = await BatchClient.SubmitAsync(cluster.Client, domains);
        var results = new List<V1.BatchResult>();
        await BatchClient.FollowAsync(cluster.Client, batch.BatchId, 0, results);

        BatchClient.AssertExactlyOnce(domains, results, cluster.Logs());
        var differences = ReportComparison.Differences(results, embedded.Reports);
        Assert.True(differences.Count == 0, $"{differences.Count} reports differ, e.g.\n{string.Join("\n", differences.Take(2))}");
        Assert.All(results, r => Assert.Equal("", r.Report.Error));
    }

    [Fact]
    public async Task Each_unique_mail_address_is_evaluated_once_per_batch()
    {
        var domains = _lab.Domains;
        var logStart = SynthMaillog.End(_lab);
        await using var cluster = await LabCluster.StartAsync(_lab, workers: 2);
        var batch = await BatchClient.SubmitAsync(cluster.Client, domains);
        var results = new List<V1.BatchResult>();
        await BatchClient.FollowAsync(cluster.Client, batch.BatchId, 0, results);
        BatchClient.AssertExactlyOnce(domains, results, cluster.Logs());

        // The reports: of all domains that needed a mail address, exactly one ran its probe; the rest reused it.
        var smtp = results.SelectMany(r => r.Report.Probes).Where(p => p.Kind.StartsWith("smtp", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(smtp);
        var ran = smtp.GroupBy(p => (p.Kind, p.Target)).ToDictionary(g => g.Key, g => g.Count(p => !p.Reused));
        Assert.All(ran, pair => Assert.True(pair.Value == 1, $"{pair.Key} ran {pair.Value} times"));
        Assert.True(smtp.Count > ran.Count, "the synthetic TLD shares mail addresses, so some evidence must be reused");

        // Redis counts every real run across all processes.
        using var redis = await ConnectionMultiplexer.ConnectAsync(_lab.Redis);
        foreach (var key in ran.Keys)
            Assert.Equal(1, (long)await redis.GetDatabase().StringGetAsync($"{cluster.Prefix}probe:runs:{key.Kind}:{key.Target}"));
        // A finished batch stays readable for the retention time, then Redis forgets it.
        Assert.NotNull(await redis.GetDatabase().KeyTimeToLiveAsync($"{cluster.Prefix}batch:{batch.BatchId}:log"));

        // The mail servers' own log, an outside witness: every address received exactly the connections
        // it received from the embedded scan of the same domains (one process, one evaluation per address),
        // however many domains and worker processes shared it. Evaluating an address twice would double them.
        var connections = await SynthMaillog.ConnectionsSinceAsync(_lab, logStart);
        foreach (var address in ran.Keys.Select(k => k.Target).Distinct())
            Assert.True(connections.GetValueOrDefault(address) == embedded.Connections.GetValueOrDefault(address) && connections.GetValueOrDefault(address) > 0,
                $"{address}: {connections.GetValueOrDefault(address)} connections from the cluster, {embedded.Connections.GetValueOrDefault(address)} from the embedded scan");
        Assert.Equal(embedded.Connections.Keys.Order(), connections.Keys.Order());
    }

    [Fact]
    public async Task Bad_batch_requests_get_clear_grpc_status_codes()
    {
        await using var cluster = await LabCluster.StartAsync(_lab, workers: 0, new Dictionary<string, string> { ["MAILSCAN__Cluster__BatchMaxNames"] = "5" });
        var client = cluster.Client;

        var tooMany = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => BatchClient.SubmitAsync(client, _lab.Domains.Take(6)));
        Assert.Equal(Grpc.Core.StatusCode.ResourceExhausted, tooMany.StatusCode);
        Assert.Contains("more than 5", tooMany.Status.Detail);

        var unknown = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => client.GetBatchAsync(new V1.GetBatchRequest { BatchId = "no-such-batch" }).ResponseAsync);
        Assert.Equal(Grpc.Core.StatusCode.NotFound, unknown.StatusCode);
        var empty = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => BatchClient.SubmitAsync(client, []));
        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, empty.StatusCode);
        var invalid = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => BatchClient.SubmitAsync(client, ["bad..name", new string('x', 10_240)]));
        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Contains("invalid", invalid.Status.Detail);
        var file = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () =>
        {
            using var call = client.SubmitBatch();
            await call.RequestStream.WriteAsync(new V1.SubmitBatchRequest { FilePath = "/etc/passwd" });
            await call.RequestStream.CompleteAsync();
            await call.ResponseAsync;
        });
        Assert.Equal(Grpc.Core.StatusCode.FailedPrecondition, file.StatusCode);

        var mixed = await BatchClient.SubmitAsync(client, ["d000001.synth", "D000001.SYNTH", "bad..name", "d000002.synth"]);
        Assert.Equal((2UL, 1UL, 1UL), (mixed.Accepted, mixed.Duplicates, mixed.RejectedCount));
        Assert.Equal(3UL, mixed.Rejected.Single().Position);
        var cancelled = await client.CancelBatchAsync(new V1.CancelBatchRequest { BatchId = mixed.BatchId });
        Assert.Equal(V1.BatchState.Cancelled, cancelled.State);

        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(cluster.Url);
        var health = new Grpc.Health.V1.Health.HealthClient(channel);
        var serving = await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest());
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, serving.Status);

        // Reflection: tools such as grpcurl find the service without the .proto files.
        using var reflection = new Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();
        await reflection.RequestStream.WriteAsync(new Grpc.Reflection.V1Alpha.ServerReflectionRequest { ListServices = "" });
        await reflection.RequestStream.CompleteAsync();
        Assert.True(await reflection.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Contains("mailscan.v1.MailScanService", reflection.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name));
    }
}
