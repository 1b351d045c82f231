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
}
