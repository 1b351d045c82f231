using Grpc.Core;
using MailScan.Coordinator.Tests.Access;

using V1 = MailScan.Contracts.V1;

namespace MailScan.Coordinator.Tests;

/// <summary>The limits SubmitBatch applies while the client's chunks arrive.</summary>
public sealed class SubmitBatchLimitsTests : IDisposable
{
    private readonly string _input = Directory.CreateTempSubdirectory("mailscan-submit-").FullName;

    public void Dispose() => Directory.Delete(_input, recursive: true);

    private static async Task<V1.SubmitBatchResponse> SubmitAsync(V1.MailScanService.MailScanServiceClient client, params V1.SubmitBatchRequest[] chunks)
    {
        using var call = client.SubmitBatch();
        foreach (var chunk in chunks)
            await call.RequestStream.WriteAsync(chunk);
        await call.RequestStream.CompleteAsync();
        return await call.ResponseAsync;
    }

    [Fact]
    public async Task A_label_over_256_characters_is_an_invalid_argument()
    {
        await using var host = await AccessTestHost.StartAsync(AccessTestHost.Options());
        var request = new V1.SubmitBatchRequest { Label = new string('l', 257) };
        request.Names.Add("a.example");

        var refused = await Assert.ThrowsAsync<RpcException>(() => SubmitAsync(host.Client, request));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("longer than 256 characters", refused.Status.Detail);
    }

    [Fact]
    public async Task A_second_server_side_file_in_one_batch_is_an_invalid_argument()
    {
        await File.WriteAllTextAsync(Path.Combine(_input, "one.txt"), "a.example\n");
        await File.WriteAllTextAsync(Path.Combine(_input, "two.txt"), "b.example\n");
        var options = AccessTestHost.Options();
        options.Cluster.BatchInputDirectory = _input;
        await using var host = await AccessTestHost.StartAsync(options);

        var refused = await Assert.ThrowsAsync<RpcException>(() => SubmitAsync(host.Client,
            new V1.SubmitBatchRequest { FilePath = "one.txt" }, new V1.SubmitBatchRequest { FilePath = "two.txt" }));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("one server-side file", refused.Status.Detail);
        Assert.Equal(1UL, (await SubmitAsync(host.Client, new V1.SubmitBatchRequest { FilePath = "one.txt" })).Accepted);
    }

    [Fact]
    public async Task Names_past_the_daily_quota_are_refused_at_the_chunk_that_passes_it_before_the_stream_ends()
    {
        await using var host = await AccessTestHost.StartAsync(AccessTestHost.Options(AccessTestHost.Key("research", Key, namesPerDay: 5)));
        using var call = host.Client.SubmitBatch(Bearer);
        var chunk = new V1.SubmitBatchRequest();
        chunk.Names.AddRange(Enumerable.Range(1, 6).Select(i => $"n{i}.example"));
        await call.RequestStream.WriteAsync(chunk);

        // The stream is left open: the refusal must not wait for its end.
        var refused = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(TimeSpan.FromMinutes(1)));

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("5 names per UTC day (MaxNamesPerDay) and has used 0 today; 6 more would pass it", refused.Status.Detail);
    }

    [Fact]
    public async Task A_submission_that_trickles_in_past_the_submit_timeout_is_cut_off()
    {
        var options = AccessTestHost.Options();
        options.Access.SubmitTimeout = TimeSpan.FromMilliseconds(300);
        await using var host = await AccessTestHost.StartAsync(options);
        using var call = host.Client.SubmitBatch();
        var chunk = new V1.SubmitBatchRequest();
        chunk.Names.Add("a.example");
        await call.RequestStream.WriteAsync(chunk);

        var refused = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(TimeSpan.FromMinutes(1)));

        Assert.Equal(StatusCode.DeadlineExceeded, refused.StatusCode);
        Assert.Contains("Access:SubmitTimeout", refused.Status.Detail);
    }

    [Fact]
    public async Task A_server_side_file_over_the_byte_cap_is_refused_unread()
    {
        await File.WriteAllTextAsync(Path.Combine(_input, "big.txt"), "a.example\nb.example\nc.example\n");
        var options = AccessTestHost.Options();
        options.Cluster.BatchInputDirectory = _input;
        options.Cluster.BatchFileMaxBytes = 20;
        await using var host = await AccessTestHost.StartAsync(options);

        var refused = await Assert.ThrowsAsync<RpcException>(() => SubmitAsync(host.Client, new V1.SubmitBatchRequest { FilePath = "big.txt" }));

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("Cluster:BatchFileMaxBytes", refused.Status.Detail);
    }

    private const string Key = "research-5d1c9a7e3b";

    private static Metadata Bearer => new() { { "authorization", $"Bearer {Key}" } };
}
