using System.Runtime.CompilerServices;
using MailScan.Checks.Input;
using MailScan.Redis;
using MailScan.Redis.Hosting;
using Microsoft.Extensions.Options;

namespace MailScan.Coordinator.Batches;

/// <summary>
/// What a client can do with batches: submit, follow the result log from a cursor, look at the
/// counts, cancel. The gRPC service and the embedded command line both go through here. A batch
/// belongs to the key that submitted it (owner: the key's name, "" without keys): to any other
/// caller it does not exist, the same answer as an unknown id, so ids cannot be probed.
/// </summary>
public sealed class BatchService(IBatchStore store, BatchWakeUp wakeUp, IOptions<ClusterOptions> cluster, TimeProvider time)
{
    /// <summary>The owner of batches submitted without an API key (an open API, the embedded command line).</summary>
    public const string KeylessOwner = "";

    /// <summary>The longest batch id looked up; ids this service makes are 32 characters.</summary>
    public const int MaxBatchIdLength = 64;

    /// <summary>The longest label a batch is given.</summary>
    public const int MaxLabelLength = 256;

    private static readonly TimeSpan LogPoll = TimeSpan.FromMilliseconds(200);
    private const int ReadChunk = 256;
    private readonly ClusterOptions _cluster = cluster.Value;

    /// <summary>A collector sized to what one batch may hold.</summary>
    public BatchNameCollector NewCollector() => new(_cluster.BatchMaxNames);

    /// <summary>Adds the names of a file on the coordinator's side (inside its input directory) to a collector.</summary>
    public async Task AddFileAsync(BatchNameCollector collector, string relativePath, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(_cluster.BatchInputDirectory))
            throw new BatchRequestException(BatchProblem.NotAllowed, "this coordinator takes no batch files (Cluster:BatchInputDirectory is not set); stream the names instead");
        var root = Path.GetFullPath(_cluster.BatchInputDirectory);
        var path = Path.GetFullPath(Path.Combine(root, relativePath));
        if (!path.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new BatchRequestException(BatchProblem.InvalidRequest, $"'{relativePath}' is outside the coordinator's input directory");
        if (!File.Exists(path))
            throw new BatchRequestException(BatchProblem.InvalidRequest, $"no file '{relativePath}' in the coordinator's input directory");
        if (LinkOnTheWay(root, path) is { } link)
            throw new BatchRequestException(BatchProblem.InvalidRequest, $"'{relativePath}' goes through a symbolic link ({Path.GetRelativePath(root, link)}); only regular files inside the input directory are read");
        // A FIFO, a device or a socket has no size, and opening a FIFO would block until someone writes to it:
        // such a file is refused before it is opened (an empty regular file has no names to scan either).
        if (new FileInfo(path).Length == 0)
            throw new BatchRequestException(BatchProblem.InvalidRequest, $"'{relativePath}' is empty or not a regular file");
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous);
        // A terminal or a socket is not seekable and could feed lines without end (a FIFO blocks at the open above: docs/SECURITY.md).
        if (!stream.CanSeek)
            throw new BatchRequestException(BatchProblem.InvalidRequest, $"'{relativePath}' is not a regular file");
        if (stream.Length > _cluster.BatchFileMaxBytes)
            throw new BatchRequestException(BatchProblem.TooLarge,
                $"'{relativePath}' has {stream.Length} bytes, more than the {_cluster.BatchFileMaxBytes} a batch file may have (Cluster:BatchFileMaxBytes); split it");
        using var reader = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
        await collector.AddLinesAsync(reader, cancellationToken, quoteLines: false).ConfigureAwait(false);
    }

    /// <summary>The first symbolic link on the path below the input directory (the file itself included), or null.</summary>
    private static string? LinkOnTheWay(string root, string path)
    {
        var current = root.TrimEnd(Path.DirectorySeparatorChar);
        foreach (var part in Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar))
        {
            current = Path.Combine(current, part);
            if (new FileInfo(current).LinkTarget is not null)
                return current;
        }
        return null;
    }

    /// <summary>Creates the batch of the collected names and wakes the runner.</summary>
    /// <exception cref="BatchRequestException">No valid name, or more names than allowed.</exception>
    public async Task<BatchSubmission> SubmitAsync(BatchNameCollector collector, string owner, string label, CancellationToken cancellationToken)
    {
        if (collector.OverLimit)
            throw new BatchRequestException(BatchProblem.TooLarge, $"the batch has more than {_cluster.BatchMaxNames} distinct names (Cluster:BatchMaxNames); split it");
        if (collector.Names.Count == 0)
        {
            var why = collector.RejectedCount > 0 ? $"all {collector.RejectedCount} names are invalid, e.g. line {collector.Rejected[0].Position}: {collector.Rejected[0].Reason}" : "the batch has no names";
            throw new BatchRequestException(BatchProblem.InvalidRequest, why);
        }
        var entries = collector.Names.Select(BatchEntry.Encode).ToList();
        var batch = await store.CreateAsync(owner, label, entries, cancellationToken).ConfigureAwait(false);
        wakeUp.Wake();
        return new BatchSubmission(batch, collector.Duplicates, collector.Rejected, collector.RejectedCount);
    }

    /// <exception cref="BatchRequestException">Unknown batch id, or a batch of another owner.</exception>
    public async Task<BatchProgress> GetAsync(string batchId, string owner, CancellationToken cancellationToken) =>
        BatchProgress.Of(await RequireAsync(batchId, owner, cancellationToken).ConfigureAwait(false), time.GetUtcNow());

    /// <summary>The owner's batches, newest first, at most <paramref name="max"/> (0: as many as the store lists).</summary>
    public Task<IReadOnlyList<BatchRecord>> ListAsync(string owner, int max, CancellationToken cancellationToken) =>
        RedisRetry.RunAsync(() => store.ListAsync(owner, max, cancellationToken), time, cancellationToken);

    /// <exception cref="BatchRequestException">Unknown batch id, or a batch of another owner.</exception>
    public async Task<BatchProgress> CancelAsync(string batchId, string owner, CancellationToken cancellationToken)
    {
        batchId = (await RequireAsync(batchId, owner, cancellationToken).ConfigureAwait(false)).Id;
        var batch = await store.CancelAsync(batchId, cancellationToken).ConfigureAwait(false)
            ?? throw Unknown(batchId);
        return BatchProgress.Of(batch, time.GetUtcNow());
    }

    /// <summary>The result log from after a cursor on, following it until the batch is finished and all of it was read.</summary>
    /// <exception cref="BatchRequestException">Unknown batch id, or a batch of another owner.</exception>
    public async IAsyncEnumerable<LoggedResult> FollowAsync(string batchId, string owner, long afterCursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await RequireAsync(batchId, owner, cancellationToken).ConfigureAwait(false);
        var cursor = Math.Max(0, afterCursor);
        while (true)
        {
            var from = cursor;
            var results = await RedisRetry.RunAsync(() => store.ReadAsync(batchId, from, ReadChunk, cancellationToken), time, cancellationToken).ConfigureAwait(false);
            foreach (var result in results)
            {
                cursor = result.Cursor;
                yield return result;
            }
            if (results.Count > 0)
                continue;
            var batch = await RequireAsync(batchId, owner, cancellationToken).ConfigureAwait(false);
            if (batch.Phase != BatchPhase.Running && cursor >= batch.LastCursor)
                yield break;
            await Task.Delay(LogPoll, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<BatchRecord> RequireAsync(string batchId, string owner, CancellationToken cancellationToken)
    {
        // An id longer than any this service makes is not looked up, nor echoed back.
        if (batchId is null || batchId.Length > MaxBatchIdLength)
            throw new BatchRequestException(BatchProblem.UnknownBatch, "no batch with that id");
        var batch = await RedisRetry.RunAsync(() => store.GetAsync(batchId, cancellationToken), time, cancellationToken).ConfigureAwait(false);
        return batch is not null && string.Equals(batch.Owner, owner, StringComparison.Ordinal) ? batch : throw Unknown(batchId);
    }

    private static BatchRequestException Unknown(string? batchId) =>
        new(BatchProblem.UnknownBatch, $"no batch with id '{batchId}'");
}
