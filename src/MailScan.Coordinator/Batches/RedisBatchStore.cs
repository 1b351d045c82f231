using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using MailScan.Contracts.V1;
using MailScan.Coordinator.CompactResults;
using MailScan.Redis;
using MailScan.Redis.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace MailScan.Coordinator.Batches;

/// <summary>
/// Batches in Redis, shared by every coordinator and kept across restarts (AOF on): a hash of
/// counts, a list of waiting domains, a hash of claims in flight, a set of reported names (the
/// exactly-once guard) and a stream as the result log, whose entry n is cursor n. A finished
/// batch expires after Cluster:BatchRetention. The log keeps each report compact and compressed
/// (<see cref="CompactReports"/>, <see cref="ResultCompression"/>) with its hosts' evidence once
/// per batch in a hash beside it; reading resolves it, so readers get full reports. The hash also
/// holds each coordinator's count of domains waiting on strict servers.
/// </summary>
public sealed class RedisBatchStore(IConnectionMultiplexer redis, RedisKeys keys, IOptions<ClusterOptions> cluster, TimeProvider time) : IBatchStore
{
    private const int PushChunk = 1000;

    /// <summary>The batch hash's fields of each coordinator's count of domains waiting on strict servers.</summary>
    private const string StrictField = "strict:";
    private readonly long _retentionMs = (long)cluster.Value.BatchRetention.TotalMilliseconds;
    private readonly WrittenEvidence _written = new();
    private readonly RedisBatchPrimers _primers = new(redis, keys);

    private IDatabase Db => redis.GetDatabase();

    public async Task<BatchRecord> CreateAsync(string owner, string label, IReadOnlyList<string> entries, CancellationToken cancellationToken)
    {
        var created = time.GetUtcNow();
        var id = Guid.CreateVersion7(created).ToString("N");
        var db = Db;
        // The waiting list first, the batch's hash last: a batch is visible only once it is whole.
        foreach (var chunk in entries.Chunk(PushChunk))
            await db.ListRightPushAsync(keys.Waiting(id), chunk.Select(e => (RedisValue)e).ToArray()).ConfigureAwait(false);
        await db.HashSetAsync(keys.Batch(id),
        [
            new("owner", owner), new("label", label), new("phase", entries.Count == 0 ? "completed" : "running"), new("total", entries.Count),
            new("done", 0), new("failed", 0), new("created", created.ToUnixTimeMilliseconds()),
        ]).ConfigureAwait(false);
        if (entries.Count > 0)
            await db.SetAddAsync(keys.RunningBatches, id).ConfigureAwait(false);
        // The owner's index keeps the newest ids only: its size is bounded, whatever the owner submits.
        await db.SortedSetAddAsync(keys.OwnerBatches(owner), id, created.ToUnixTimeMilliseconds()).ConfigureAwait(false);
        await db.SortedSetRemoveRangeByRankAsync(keys.OwnerBatches(owner), 0, -IBatchStore.MaxListed - 1).ConfigureAwait(false);
        return (await GetAsync(id, cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<BatchRecord?> GetAsync(string batchId, CancellationToken cancellationToken)
    {
        var db = Db;
        var fields = (await db.HashGetAllAsync(keys.Batch(batchId)).ConfigureAwait(false)).ToDictionary(e => e.Name.ToString(), e => e.Value);
        if (!fields.TryGetValue("phase", out var phase))
            return null;
        var inFlight = await db.HashLengthAsync(keys.InFlight(batchId)).ConfigureAwait(false);
        return new BatchRecord(
            batchId,
            fields.GetValueOrDefault("owner").ToString(),
            fields.GetValueOrDefault("label").ToString(),
            phase.ToString() switch { "running" => BatchPhase.Running, "completed" => BatchPhase.Completed, _ => BatchPhase.Cancelled },
            (long)fields.GetValueOrDefault("total"),
            (long)fields.GetValueOrDefault("done"),
            (long)fields.GetValueOrDefault("failed"),
            inFlight,
            DateTimeOffset.FromUnixTimeMilliseconds((long)fields.GetValueOrDefault("created")),
            fields.TryGetValue("finished", out var finished) ? DateTimeOffset.FromUnixTimeMilliseconds((long)finished) : null,
            phase == "running" ? fields.Where(f => f.Key.StartsWith(StrictField, StringComparison.Ordinal)).Sum(f => (long)f.Value) : 0);
    }

    public async Task<IReadOnlyList<BatchRecord>> ListAsync(string owner, int max, CancellationToken cancellationToken)
    {
        var take = max is <= 0 or > IBatchStore.MaxListed ? IBatchStore.MaxListed : max;
        var db = Db;
        var listed = new List<BatchRecord>();
        var expired = new List<RedisValue>();
        foreach (var id in await db.SortedSetRangeByRankAsync(keys.OwnerBatches(owner), 0, -1, Order.Descending).ConfigureAwait(false))
        {
            if (listed.Count == take)
                break;
            if (await GetAsync(id.ToString(), cancellationToken).ConfigureAwait(false) is { } batch)
                listed.Add(batch);
            else
                expired.Add(id);
        }
        // Finished batches expire from Redis after Cluster:BatchRetention; their ids leave the index as they are met.
        if (expired.Count > 0)
            await db.SortedSetRemoveAsync(keys.OwnerBatches(owner), expired.ToArray()).ConfigureAwait(false);
        return listed;
    }

    public async Task<IReadOnlyList<string>> RunningAsync(CancellationToken cancellationToken) =>
        (await Db.SetMembersAsync(keys.RunningBatches).ConfigureAwait(false)).Select(v => v.ToString()).Order(StringComparer.Ordinal).ToList();

    public async Task<IReadOnlyList<string>> ClaimAsync(string batchId, string owner, int count, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        if (count <= 0)
            return [];
        var result = await Db.ScriptEvaluateAsync(RedisBatchScripts.Claim,
            [keys.Batch(batchId), keys.Waiting(batchId), keys.InFlight(batchId)],
            [count, $"{owner}|{leaseUntil.ToUnixTimeMilliseconds()}"]).ConfigureAwait(false);
        return result.IsNull ? [] : ((RedisResult[])result!).Select(r => r.ToString()).ToList();
    }

    public async Task<bool> CompleteAsync(string batchId, string entry, byte[] report, bool failed, CancellationToken cancellationToken)
    {
        var compact = DomainReport.Parser.ParseFrom(report);
        var fresh = CompactReports.Extract(compact).DistinctBy(e => e.Ref).Where(e => !_written.Contains(batchId, e.Ref)).ToList();
        var bytes = compact.ToByteArray();
        byte[]? alone = null;
        var primer = await _primers.ForWritingAsync(batchId, () => alone ??= ResultCompression.Compress(bytes), failed).ConfigureAwait(false);
        var args = new List<RedisValue>(7 + 2 * fresh.Count)
        {
            batchId, BatchEntry.Key(entry), entry, primer is null ? alone ?? ResultCompression.Compress(bytes) : primer.Dictionary.Compress(bytes), failed ? 1 : 0, _retentionMs,
            primer is null ? "c" : "z",
        };
        foreach (var evidence in fresh)
        {
            args.Add(evidence.Ref);
            args.Add(ResultCompression.Compress(evidence.Evidence.ToByteArray()));
        }
        var result = await Db.ScriptEvaluateAsync(RedisBatchScripts.Complete,
            [keys.Batch(batchId), keys.Reported(batchId), keys.InFlight(batchId), keys.Log(batchId), keys.RunningBatches, keys.Waiting(batchId), keys.Evidence(batchId), keys.Primer(batchId), keys.PrimerParts(batchId)],
            [.. args]).ConfigureAwait(false);
        if ((long)result != 1)
            return false;
        _written.Add(batchId, fresh.Select(e => e.Ref));
        return true;
    }

    public async Task SetWaitingOnStrictServersAsync(string batchId, string owner, long count, CancellationToken cancellationToken) =>
        await Db.ScriptEvaluateAsync(RedisBatchScripts.WaitingOnStrict, [keys.Batch(batchId)], [StrictField + owner, count]).ConfigureAwait(false);

    public async Task ReleaseAsync(string batchId, string entry, CancellationToken cancellationToken) =>
        await Db.ScriptEvaluateAsync(RedisBatchScripts.Release, [keys.InFlight(batchId), keys.Waiting(batchId)], [entry]).ConfigureAwait(false);

    public async Task<long> RequeueAsync(string batchId, string? owner, DateTimeOffset now, CancellationToken cancellationToken) =>
        (long)await Db.ScriptEvaluateAsync(RedisBatchScripts.Requeue, [keys.InFlight(batchId), keys.Waiting(batchId)],
            [owner ?? string.Empty, now.ToUnixTimeMilliseconds()]).ConfigureAwait(false);

    public async Task<IReadOnlyList<LoggedResult>> ReadAsync(string batchId, long afterCursor, int max, CancellationToken cancellationToken)
    {
        var entries = await Db.StreamRangeAsync(keys.Log(batchId), $"{afterCursor + 1}-0", "+", max).ConfigureAwait(false);
        var read = entries.Select(e => (Cursor: long.Parse(e.Id.ToString().Split('-')[0], System.Globalization.CultureInfo.InvariantCulture), Entry: e)).ToList();
        // 'z': a Zstandard frame with the batch's primer as dictionary; 'c': compressed alone; 'p': written before 'z', Brotli
        // after the primer; 'r': logged before compact results, the full report as it is.
        var primer = read.Any(r => !r.Entry["z"].IsNull || !r.Entry["p"].IsNull) ? await _primers.ForReadingAsync(batchId).ConfigureAwait(false) : null;
        ResultPrimer Primer() => primer ?? throw new InvalidDataException($"batch {batchId}: a primed report and no primer");
        var compact = read.Where(r => r.Entry["r"].IsNull)
            .ToDictionary(r => r.Cursor, r => DomainReport.Parser.ParseFrom(
                !r.Entry["z"].IsNull ? Primer().Dictionary.Decompress((byte[])r.Entry["z"]!)
                : !r.Entry["p"].IsNull ? Primer().Decompress((byte[])r.Entry["p"]!)
                : ResultCompression.Decompress((byte[])r.Entry["c"]!)));
        var evidence = await EvidenceAsync(batchId, compact.Values.SelectMany(CompactReports.References).Distinct(StringComparer.Ordinal).ToList()).ConfigureAwait(false);
        return read.Select(r =>
        {
            if (!compact.TryGetValue(r.Cursor, out var report))
                return new LoggedResult(r.Cursor, (byte[])r.Entry["r"]!);
            CompactReports.Resolve(report, evidence.GetValueOrDefault);
            return new LoggedResult(r.Cursor, report);
        }).ToList();
    }

    private async Task<Dictionary<string, Struct>> EvidenceAsync(string batchId, IReadOnlyList<string> references)
    {
        var found = new Dictionary<string, Struct>(StringComparer.Ordinal);
        if (references.Count == 0)
            return found;
        var values = await Db.HashGetAsync(keys.Evidence(batchId), references.Select(r => (RedisValue)r).ToArray()).ConfigureAwait(false);
        for (var i = 0; i < references.Count; i++)
        {
            if (!values[i].IsNull)
                found[references[i]] = Struct.Parser.ParseFrom(ResultCompression.Decompress((byte[])values[i]!));
        }
        return found;
    }

    public async Task<BatchRecord?> CancelAsync(string batchId, CancellationToken cancellationToken)
    {
        var known = (long)await Db.ScriptEvaluateAsync(RedisBatchScripts.Cancel,
            [keys.Batch(batchId), keys.Waiting(batchId), keys.InFlight(batchId), keys.RunningBatches, keys.Reported(batchId), keys.Log(batchId), keys.Evidence(batchId), keys.Primer(batchId), keys.PrimerParts(batchId)],
            [batchId, _retentionMs]).ConfigureAwait(false);
        return known == 0 ? null : await GetAsync(batchId, cancellationToken).ConfigureAwait(false);
    }
}
