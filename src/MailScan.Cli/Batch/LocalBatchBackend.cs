using System.Runtime.CompilerServices;
using MailScan.Checks.Input;
using MailScan.Cli.Configuration;
using MailScan.Coordinator;
using MailScan.Coordinator.Batches;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

using V1 = MailScan.Contracts.V1;

namespace MailScan.Cli.Batch;

/// <summary>The batch in this process: the embedded scanner with the batch service and runner a coordinator uses.</summary>
internal sealed class LocalBatchBackend(IHost host) : IBatchBackend
{
    private readonly BatchService _batches = host.Services.GetRequiredService<BatchService>();

    public string Name => "embedded";

    public static async Task<LocalBatchBackend> StartAsync(MailScanSettings settings, LogLevel level, CancellationToken cancellationToken) =>
        new(await EmbeddedHost.StartAsync(settings.Scanner, level, cancellationToken, services => services
            .AddSingleton(Microsoft.Extensions.Options.Options.Create(settings.Cluster))
            // This command is the batch's one reader and writes each result to its file: what it has read is not kept.
            .AddSingleton<IBatchStore>(sp => new MemoryBatchStore(sp.GetRequiredService<TimeProvider>(), settings.Cluster.BatchRetention, forgetRead: true))
            .AddMailScanBatches()).ConfigureAwait(false));

    public async Task<V1.SubmitBatchResponse> SubmitAsync(IReadOnlyList<DomainName> names, string label, CancellationToken cancellationToken)
    {
        var collector = _batches.NewCollector();
        foreach (var name in names)
            collector.Add(name.Input);
        var submission = await _batches.SubmitAsync(collector, BatchService.KeylessOwner, label, cancellationToken).ConfigureAwait(false);
        return new V1.SubmitBatchResponse { BatchId = submission.Batch.Id, Accepted = (ulong)submission.Batch.Total, Duplicates = (ulong)submission.Duplicates };
    }

    public async IAsyncEnumerable<V1.BatchResult> StreamAsync(string batchId, ulong afterCursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var result in _batches.FollowAsync(batchId, BatchService.KeylessOwner, (long)afterCursor, cancellationToken).ConfigureAwait(false))
            yield return new V1.BatchResult { Cursor = (ulong)result.Cursor, Report = result.Message() };
    }

    public async Task<V1.BatchStatus?> GetAsync(string batchId, CancellationToken cancellationToken)
    {
        try
        {
            return MailScanGrpcService.ToProto(await _batches.GetAsync(batchId, BatchService.KeylessOwner, cancellationToken).ConfigureAwait(false));
        }
        catch (BatchRequestException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        host.Dispose();
    }
}
