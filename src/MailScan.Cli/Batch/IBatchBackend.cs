using MailScan.Checks.Input;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Cli.Batch;

/// <summary>Where `mailscan batch` runs its batch: in this process, or on a coordinator over gRPC. Same contract either way.</summary>
internal interface IBatchBackend : IAsyncDisposable
{
    /// <summary>Where results come from, for messages (e.g. "embedded", or the server URL).</summary>
    string Name { get; }

    Task<V1.SubmitBatchResponse> SubmitAsync(IReadOnlyList<DomainName> names, string label, CancellationToken cancellationToken);

    IAsyncEnumerable<V1.BatchResult> StreamAsync(string batchId, ulong afterCursor, CancellationToken cancellationToken);

    /// <summary>The batch's status, or null when the backend does not know it.</summary>
    Task<V1.BatchStatus?> GetAsync(string batchId, CancellationToken cancellationToken);
}
