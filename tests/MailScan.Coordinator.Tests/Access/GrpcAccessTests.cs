using System.Diagnostics.Metrics;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Health.V1;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Coordinator.Tests.Access;

/// <summary>The API-key door and the quotas as a gRPC client meets them.</summary>
public sealed class GrpcAccessTests
{
    private const string ResearchKey = "research-8f3c2b7d1e";

    private static Metadata Bearer(string key) => new() { { "authorization", $"Bearer {key}" } };

    private static async Task<V1.SubmitBatchResponse> SubmitAsync(V1.MailScanService.MailScanServiceClient client, Metadata? headers, params string[] names)
    {
        using var call = client.SubmitBatch(headers);
        var request = new V1.SubmitBatchRequest { Label = "t" };
        request.Names.AddRange(names);
        try
        {
            await call.RequestStream.WriteAsync(request);
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // A refused call may end before its names are written (the write then sees Cancelled); the server's status is the response's.
        }
        return await call.ResponseAsync;
    }

    private static string[] Names(string prefix, int count) => [.. Enumerable.Range(1, count).Select(i => $"{prefix}{i}.example")];

    [Fact]
    public async Task A_call_without_a_key_is_unauthenticated_and_told_how_to_send_one()
    {
        await using var host = await AccessTestHost.StartAsync(AccessTestHost.Options(AccessTestHost.Key("research", ResearchKey)));
        var refused = await Assert.ThrowsAsync<RpcException>(() => SubmitAsync(host.Client, null, "a.example"));
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Contains("authorization: Bearer KEY", refused.Status.Detail);
        var get = await Assert.ThrowsAsync<RpcException>(() => host.Client.GetBatchAsync(new V1.GetBatchRequest { BatchId = "x" }).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, get.StatusCode);
    }

    [Fact]
    public async Task A_wrong_key_is_unauthenticated()
    {
        await using var host = await AccessTestHost.StartAsync(AccessTestHost.Options(AccessTestHost.Key("research", ResearchKey)));
        var refused = await Assert.ThrowsAsync<RpcException>(() => SubmitAsync(host.Client, Bearer(ResearchKey + "x"), "a.example"));
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        var hashed = await Assert.ThrowsAsync<RpcException>(() => SubmitAsync(host.Client, Bearer(Coordinator.Access.ApiKeyRing.Hash(ResearchKey)), "a.example"));
        Assert.Equal(StatusCode.Unauthenticated, hashed.StatusCode);
    }

    [Fact]
    public async Task A_good_key_submits_and_reads_its_batch_as_bearer_or_x_api_key()
    {
        await using var host = await AccessTestHost.StartAsync(AccessTestHost.Options(AccessTestHost.Key("research", ResearchKey)));
        var batch = await SubmitAsync(host.Client, Bearer(ResearchKey), "a.example", "b.example");
        Assert.Equal(2UL, batch.Accepted);
        var status = await host.Client.GetBatchAsync(new V1.GetBatchRequest { BatchId = batch.BatchId }, new Metadata { { "x-api-key", ResearchKey } });
        Assert.Equal(batch.BatchId, status.BatchId);
    }

    [Fact]
    public async Task Without_keys_the_api_is_open_as_before()
    {
        await using var host = await AccessTestHost.StartAsync(AccessTestHost.Options());
        var batch = await SubmitAsync(host.Client, null, "a.example");
        Assert.Equal(1UL, batch.Accepted);
    }

    [Fact]
    public async Task A_batch_over_the_running_batches_quota_is_resource_exhausted()
    {
        await using var host = await AccessTestHost.StartAsync(AccessTestHost.Options(AccessTestHost.Key("research", ResearchKey, batches: 2)));
        var first = await SubmitAsync(host.Client, Bearer(ResearchKey), "a.example");
        await SubmitAsync(host.Client, Bearer(ResearchKey), "b.example");

        var refused = await Assert.ThrowsAsync<RpcException>(() => SubmitAsync(host.Client, Bearer(ResearchKey), "c.example"));
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("API key 'research' has 2 batches running", refused.Status.Detail);
        Assert.Contains("when one of them finishes or is cancelled", refused.Status.Detail);

        await host.Client.CancelBatchAsync(new V1.CancelBatchRequest { BatchId = first.BatchId }, Bearer(ResearchKey));
        await SubmitAsync(host.Client, Bearer(ResearchKey), "c.example");
    }

    [Fact]
    public async Task The_batch_that_would_pass_the_names_per_day_quota_is_resource_exhausted()
    {
        await using var host = await AccessTestHost.StartAsync(AccessTestHost.Options(AccessTestHost.Key("research", ResearchKey, namesPerDay: 10)));
        await SubmitAsync(host.Client, Bearer(ResearchKey), Names("a", 7));

        var refused = await Assert.ThrowsAsync<RpcException>(() => SubmitAsync(host.Client, Bearer(ResearchKey), Names("b", 4)));
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("10 names per UTC day (MaxNamesPerDay) and has used 7 today; 4 more would pass it", refused.Status.Detail);
        Assert.Contains("resets at", refused.Status.Detail);
        // Duplicates and invalid lines are not charged: three distinct names still fit.
        var fits = await SubmitAsync(host.Client, Bearer(ResearchKey), [.. Names("c", 3), "C1.example", "bad..name"]);
        Assert.Equal(3UL, fits.Accepted);
    }

    [Fact]
    public async Task A_key_over_its_request_rate_is_resource_exhausted_with_the_wait()
    {
        await using var host = await AccessTestHost.StartAsync(AccessTestHost.Options(AccessTestHost.Key("research", ResearchKey, perSecond: 0.001, burst: 2)));
        var request = new V1.GetBatchRequest { BatchId = "none" };
        for (var i = 0; i < 2; i++)
        {
            var notFound = await Assert.ThrowsAsync<RpcException>(() => host.Client.GetBatchAsync(request, Bearer(ResearchKey)).ResponseAsync);
            Assert.Equal(StatusCode.NotFound, notFound.StatusCode);
        }
        var limited = await Assert.ThrowsAsync<RpcException>(() => host.Client.GetBatchAsync(request, Bearer(ResearchKey)).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, limited.StatusCode);
        Assert.Matches(@"API key 'research' is over its request rate \(0\.001 per second, bursts of 2\); retry in \d+(\.\d)? s", limited.Status.Detail);
    }

    [Fact]
    public async Task Calls_are_counted_by_key_name_and_outcome_never_by_key()
    {
        var counted = new List<(string Key, string Outcome)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "mailscan.api.calls")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var labels = tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString() ?? "");
            if (labels["key"] is "metered" || labels["outcome"] is "unauthenticated")
            {
                lock (counted)
                    counted.Add((labels["key"], labels["outcome"]));
            }
        });
        listener.Start();
        await using var host = await AccessTestHost.StartAsync(AccessTestHost.Options(AccessTestHost.Key("metered", ResearchKey, batches: 1, perSecond: 0.001, burst: 3)));

        await SubmitAsync(host.Client, Bearer(ResearchKey), "a.example");
        await Assert.ThrowsAsync<RpcException>(() => SubmitAsync(host.Client, Bearer(ResearchKey), "b.example"));
        await Assert.ThrowsAsync<RpcException>(() => SubmitAsync(host.Client, Bearer("wrong"), "b.example"));
        await Assert.ThrowsAsync<RpcException>(() => SubmitAsync(host.Client, Bearer(ResearchKey), "b.example"));
        await Assert.ThrowsAsync<RpcException>(() => SubmitAsync(host.Client, Bearer(ResearchKey), "b.example"));

        lock (counted)
        {
            // Burst of 3: submitted; over the running batches; (wrong key); over them again; out of tokens.
            Assert.Equal(3, counted.Count(c => c == ("metered", "allowed")));
            Assert.Equal(2, counted.Count(c => c == ("metered", "over_quota")));
            Assert.Contains(("unknown", "unauthenticated"), counted);
            Assert.Contains(("metered", "rate_limited"), counted);
            Assert.DoesNotContain(counted, c => c.Key.Contains(ResearchKey, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Health_and_reflection_answer_without_a_key()
    {
        await using var host = await AccessTestHost.StartAsync(AccessTestHost.Options(AccessTestHost.Key("research", ResearchKey)));
        var health = await new Health.HealthClient(host.Channel).CheckAsync(new HealthCheckRequest());
        // Answered, not refused; Unknown until the first health report is published.
        Assert.Contains(health.Status, new[] { HealthCheckResponse.Types.ServingStatus.Serving, HealthCheckResponse.Types.ServingStatus.Unknown });

        using var reflection = new Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient(host.Channel).ServerReflectionInfo();
        await reflection.RequestStream.WriteAsync(new Grpc.Reflection.V1Alpha.ServerReflectionRequest { ListServices = "" });
        await reflection.RequestStream.CompleteAsync();
        Assert.True(await reflection.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Contains(reflection.ResponseStream.Current.ListServicesResponse.Service, s => s.Name == "mailscan.v1.MailScanService");
    }

    [Fact]
    public async Task A_batch_logged_at_information_shows_neither_the_key_nor_a_report()
    {
        var logs = new CapturedLogs();
        var options = AccessTestHost.Options(AccessTestHost.Key("research", ResearchKey));
        options.Cluster.Redis = "127.0.0.1:9,password=redis-secret-3141";
        options.Cluster.RabbitMq = "rabbitmq://user:rabbit-secret-2718@127.0.0.1:9/";
        await using (var host = await AccessTestHost.StartAsync(options, runBatches: true, logs))
        {
            await Assert.ThrowsAsync<RpcException>(() => SubmitAsync(host.Client, Bearer("wrong-" + ResearchKey), "a.example"));
            var batch = await SubmitAsync(host.Client, Bearer(ResearchKey), "a.example", "b.example");
            var reports = new List<string>();
            using var results = host.Client.StreamBatchResults(new V1.StreamBatchResultsRequest { BatchId = batch.BatchId }, Bearer(ResearchKey));
            await foreach (var result in results.ResponseStream.ReadAllAsync())
                reports.Add(JsonFormatter.Default.Format(result.Report));

            Assert.Equal(2, reports.Count);
            var lines = logs.Lines;
            Assert.Contains(lines, l => l.Contains("unknown API key", StringComparison.Ordinal));
            foreach (var secret in new[] { ResearchKey, Coordinator.Access.ApiKeyRing.Hash(ResearchKey), "redis-secret-3141", "rabbit-secret-2718" })
                Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
            foreach (var report in reports)
                Assert.DoesNotContain(lines, l => l.Contains(report[..Math.Min(60, report.Length)], StringComparison.Ordinal));
            Assert.DoesNotContain(lines, l => l.Contains("\"domain\"", StringComparison.Ordinal));
        }
    }
}
