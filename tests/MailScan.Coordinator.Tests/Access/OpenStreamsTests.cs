using Grpc.Core;
using MailScan.Coordinator.Access;
using Microsoft.Extensions.DependencyInjection;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Coordinator.Tests.Access;

/// <summary>Result streams and domain scans held open are limited per key and in total.</summary>
public sealed class OpenStreamsTests
{
    private const string ResearchKey = "research-0a7f3e9c41";
    private const string PortalKey = "portal-6b2d8f1c07";

    private static Metadata Bearer(string key) => new() { { "authorization", $"Bearer {key}" } };

    private static async Task<string> RunningBatchAsync(AccessTestHost host, Metadata? headers)
    {
        using var call = host.Client.SubmitBatch(headers);
        var request = new V1.SubmitBatchRequest();
        request.Names.Add("a.example");
        await call.RequestStream.WriteAsync(request);
        await call.RequestStream.CompleteAsync();
        return (await call.ResponseAsync).BatchId;
    }

    /// <summary>Opens a result stream of a batch that stays running (no runner), and waits until the coordinator counts it.</summary>
    private static async Task<AsyncServerStreamingCall<V1.BatchResult>> OpenAsync(AccessTestHost host, string batchId, Metadata? headers, int expectedOpen)
    {
        var call = host.Client.StreamBatchResults(new V1.StreamBatchResultsRequest { BatchId = batchId }, headers);
        var streams = host.Services.GetRequiredService<OpenStreams>();
        using var wait = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (streams.Total < expectedOpen)
            await Task.Delay(10, wait.Token);
        return call;
    }

    private static async Task<RpcException> RefusedAsync(AsyncServerStreamingCall<V1.BatchResult> call) =>
        await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1)));

    [Fact]
    public async Task A_key_past_its_open_streams_is_over_quota_while_another_key_still_gets_in()
    {
        var options = AccessTestHost.Options(AccessTestHost.Key("research", ResearchKey), AccessTestHost.Key("portal", PortalKey));
        options.Access.MaxOpenStreamsPerKey = 1;
        await using var host = await AccessTestHost.StartAsync(options);
        var research = await RunningBatchAsync(host, Bearer(ResearchKey));
        var portal = await RunningBatchAsync(host, Bearer(PortalKey));

        using var first = await OpenAsync(host, research, Bearer(ResearchKey), 1);
        using var second = host.Client.StreamBatchResults(new V1.StreamBatchResultsRequest { BatchId = research }, Bearer(ResearchKey));
        var refused = await RefusedAsync(second);
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("Access:MaxOpenStreamsPerKey", refused.Status.Detail);

        using var other = await OpenAsync(host, portal, Bearer(PortalKey), 2);
        first.Dispose();
        var streams = host.Services.GetRequiredService<OpenStreams>();
        using (var closed = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            while (streams.Total > 1)
                await Task.Delay(10, closed.Token);
        }
        // Counted again only if the key's limit let it in.
        using var again = await OpenAsync(host, research, Bearer(ResearchKey), 2);
    }

    [Fact]
    public async Task Past_the_total_of_open_streams_the_coordinator_is_busy()
    {
        var options = AccessTestHost.Options();
        options.Access.MaxOpenStreams = 1;
        await using var host = await AccessTestHost.StartAsync(options);
        var batch = await RunningBatchAsync(host, null);

        using var first = await OpenAsync(host, batch, null, 1);
        using var second = host.Client.StreamBatchResults(new V1.StreamBatchResultsRequest { BatchId = batch });
        var refused = await RefusedAsync(second);

        Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
        Assert.Contains("Access:MaxOpenStreams", refused.Status.Detail);
        var scan = host.Client.ScanDomain(new V1.ScanDomainRequest { Domain = "a.example" });
        Assert.Equal(StatusCode.Unavailable, (await Assert.ThrowsAsync<RpcException>(() => scan.ResponseStream.MoveNext(CancellationToken.None))).StatusCode);
    }
}
