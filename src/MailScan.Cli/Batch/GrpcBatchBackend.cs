using System.Runtime.CompilerServices;
using Grpc.Core;
using Grpc.Net.Client;
using MailScan.Checks.Input;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Cli.Batch;

/// <summary>The batch on a coordinator: names streamed in chunks, results streamed back from a cursor; every call carries the API key, if any.</summary>
internal sealed class GrpcBatchBackend(string server, string? apiKey, CoordinatorTls tls) : IBatchBackend
{
    private const int Chunk = 1000;
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(server, new GrpcChannelOptions { HttpHandler = tls.Handler() });
    private readonly Metadata? _headers = apiKey is null ? null : new Metadata { { "authorization", $"Bearer {apiKey}" } };

    public string Name => server;

    private V1.MailScanService.MailScanServiceClient Client => new(_channel);

    public async Task<V1.SubmitBatchResponse> SubmitAsync(IReadOnlyList<DomainName> names, string label, CancellationToken cancellationToken)
    {
        using var call = Client.SubmitBatch(_headers, cancellationToken: cancellationToken);
        var first = true;
        foreach (var chunk in names.Chunk(Chunk))
        {
            var request = new V1.SubmitBatchRequest { Label = first ? label : string.Empty };
            request.Names.AddRange(chunk.Select(n => n.Input));
            await call.RequestStream.WriteAsync(request, cancellationToken).ConfigureAwait(false);
            first = false;
        }
        await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        return await call.ResponseAsync.ConfigureAwait(false);
    }

    public async IAsyncEnumerable<V1.BatchResult> StreamAsync(string batchId, ulong afterCursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var call = Client.StreamBatchResults(new V1.StreamBatchResultsRequest { BatchId = batchId, AfterCursor = afterCursor }, _headers, cancellationToken: cancellationToken);
        await foreach (var result in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            yield return result;
    }

    public async Task<V1.BatchStatus?> GetAsync(string batchId, CancellationToken cancellationToken)
    {
        try
        {
            return await Client.GetBatchAsync(new V1.GetBatchRequest { BatchId = batchId }, _headers, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    public ValueTask DisposeAsync()
    {
        _channel.Dispose();
        return ValueTask.CompletedTask;
    }
}
