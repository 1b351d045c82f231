using MailScan.Redis.Hosting;
using Microsoft.Extensions.Options;

namespace MailScan.Coordinator.Batches;

/// <summary>
/// The batch store of one process (embedded mode and `mailscan serve` without Redis): gone when the
/// process ends. A finished batch is forgotten <c>retention</c> after it finished, as Redis expires
/// it, so a long-running `serve` does not keep every result it ever logged. With
/// <c>forgetRead</c> (the command line's own batch, whose one reader writes each result to its
/// file) a result is dropped once the reader asks for what comes after it, so memory does not grow
/// with the batch; a reader then cannot go back to a cursor before the last one it read from.
/// </summary>
public sealed class MemoryBatchStore(TimeProvider time, TimeSpan retention, bool forgetRead = false) : IBatchStore
{
    private readonly Dictionary<string, MemoryBatch> _batches = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public MemoryBatchStore(IOptions<ClusterOptions> cluster, TimeProvider time)
        : this(time, cluster.Value.BatchRetention)
    {
    }


    public Task<BatchRecord> CreateAsync(string owner, string label, IReadOnlyList<string> entries, CancellationToken cancellationToken)
    {
        var batch = new MemoryBatch(Guid.CreateVersion7(time.GetUtcNow()).ToString("N"), owner, label, time.GetUtcNow(), entries);
        lock (_lock)
        {
            Evict();
            _batches[batch.Id] = batch;
        }
        return Task.FromResult(batch.Record());
    }

    public Task<BatchRecord?> GetAsync(string batchId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Evict();
            return Task.FromResult(_batches.GetValueOrDefault(batchId)?.Record());
        }
    }

    public Task<IReadOnlyList<BatchRecord>> ListAsync(string owner, int max, CancellationToken cancellationToken)
    {
        var take = max is <= 0 or > IBatchStore.MaxListed ? IBatchStore.MaxListed : max;
        lock (_lock)
        {
            Evict();
            return Task.FromResult<IReadOnlyList<BatchRecord>>(_batches.Values
                .Where(b => string.Equals(b.Owner, owner, StringComparison.Ordinal))
                .Select(b => b.Record())
                .OrderByDescending(b => b.CreatedAt).ThenByDescending(b => b.Id, StringComparer.Ordinal)
                .Take(take)
                .ToList());
        }
    }

    public Task<IReadOnlyList<string>> RunningAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<string>>(_batches.Values.Where(b => b.Phase == BatchPhase.Running).Select(b => b.Id).ToList());
    }

    public Task<IReadOnlyList<string>> ClaimAsync(string batchId, string owner, int count, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var claimed = new List<string>();
        lock (_lock)
        {
            if (_batches.GetValueOrDefault(batchId) is not { Phase: BatchPhase.Running } batch)
                return Task.FromResult<IReadOnlyList<string>>(claimed);
            while (claimed.Count < count && batch.Waiting.TryDequeue(out var entry))
            {
                batch.InFlight[entry] = (owner, leaseUntil);
                claimed.Add(entry);
            }
        }
        return Task.FromResult<IReadOnlyList<string>>(claimed);
    }

    public Task<bool> CompleteAsync(string batchId, string entry, byte[] report, bool failed, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_batches.GetValueOrDefault(batchId) is not { Phase: BatchPhase.Running } batch || !batch.Reported.Add(BatchEntry.Key(entry)))
                return Task.FromResult(false);
            batch.InFlight.Remove(entry);
            batch.Log.Add(new LoggedResult(batch.Logged + 1, report));
            if (failed)
                batch.Failed++;
            if (batch.Logged == batch.Total)
            {
                batch.Phase = BatchPhase.Completed;
                batch.FinishedAt = time.GetUtcNow();
            }
            return Task.FromResult(true);
        }
    }

    public Task ReleaseAsync(string batchId, string entry, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_batches.GetValueOrDefault(batchId) is { } batch && batch.InFlight.Remove(entry))
                batch.Waiting.Enqueue(entry);
        }
        return Task.CompletedTask;
    }

    public Task<long> RequeueAsync(string batchId, string? owner, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_batches.GetValueOrDefault(batchId) is not { } batch)
                return Task.FromResult(0L);
            var back = batch.InFlight.Where(e => e.Value.Owner == owner || e.Value.LeaseUntil <= now).Select(e => e.Key).ToList();
            foreach (var entry in back)
            {
                batch.InFlight.Remove(entry);
                batch.Waiting.Enqueue(entry);
            }
            return Task.FromResult((long)back.Count);
        }
    }

    public Task<IReadOnlyList<LoggedResult>> ReadAsync(string batchId, long afterCursor, int max, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_batches.GetValueOrDefault(batchId) is not { } batch)
                return Task.FromResult<IReadOnlyList<LoggedResult>>([]);
            if (forgetRead)
                batch.Forget(afterCursor);
            if (afterCursor >= batch.Logged)
                return Task.FromResult<IReadOnlyList<LoggedResult>>([]);
            var start = (int)(Math.Max(afterCursor, batch.Forgotten) - batch.Forgotten);
            return Task.FromResult<IReadOnlyList<LoggedResult>>(batch.Log.GetRange(start, Math.Min(max, batch.Log.Count - start)));
        }
    }

    public Task SetWaitingOnStrictServersAsync(string batchId, string owner, long count, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_batches.GetValueOrDefault(batchId) is { } batch)
                batch.WaitingOnStrict[owner] = count;
            return Task.CompletedTask;
        }
    }

    public Task<BatchRecord?> CancelAsync(string batchId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_batches.GetValueOrDefault(batchId) is not { } batch)
                return Task.FromResult<BatchRecord?>(null);
            if (batch.Phase == BatchPhase.Running)
            {
                batch.Phase = BatchPhase.Cancelled;
                batch.FinishedAt = time.GetUtcNow();
                batch.Waiting.Clear();
                batch.InFlight.Clear();
            }
            return Task.FromResult<BatchRecord?>(batch.Record());
        }
    }

    /// <summary>Drops the batches whose retention ended; called under the lock by every path that looks batches up or adds one.</summary>
    private void Evict()
    {
        var cutoff = time.GetUtcNow() - retention;
        foreach (var id in _batches.Values.Where(b => b.FinishedAt is { } finished && finished <= cutoff).Select(b => b.Id).ToList())
            _batches.Remove(id);
    }

    private sealed class MemoryBatch(string id, string owner, string label, DateTimeOffset createdAt, IReadOnlyList<string> entries)
    {
        public string Id { get; } = id;
        public string Owner { get; } = owner;
        public long Total { get; } = entries.Count;
        public Queue<string> Waiting { get; } = new(entries);
        public Dictionary<string, (string Owner, DateTimeOffset LeaseUntil)> InFlight { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Reported { get; } = new(StringComparer.Ordinal);
        /// <summary>The results not yet forgotten: cursors <see cref="Forgotten"/> + 1 on.</summary>
        public List<LoggedResult> Log { get; } = [];
        public long Forgotten { get; private set; }
        public long Logged => Forgotten + Log.Count;
        public BatchPhase Phase { get; set; } = entries.Count == 0 ? BatchPhase.Completed : BatchPhase.Running;
        public long Failed { get; set; }
        public DateTimeOffset? FinishedAt { get; set; }

        /// <summary>Per coordinator, its domains of the batch that wait on strict servers.</summary>
        public Dictionary<string, long> WaitingOnStrict { get; } = new(StringComparer.Ordinal);

        public BatchRecord Record() => new(Id, Owner, label, Phase, Total, Logged, Failed, InFlight.Count, createdAt, FinishedAt,
            Phase == BatchPhase.Running ? WaitingOnStrict.Values.Sum() : 0);

        /// <summary>Drops the results up to and including <paramref name="cursor"/>.</summary>
        public void Forget(long cursor)
        {
            var count = (int)Math.Min(Log.Count, cursor - Forgotten);
            if (count <= 0)
                return;
            Log.RemoveRange(0, count);
            Forgotten += count;
        }
    }
}
