using System.Collections.Concurrent;
using MailScan.Coordinator.CompactResults;
using MailScan.Redis;
using StackExchange.Redis;

namespace MailScan.Coordinator.Batches;

/// <summary>
/// The primer of each batch's result log in Redis (<see cref="ResultPrimer"/>): the first whole
/// report logged sets it, every coordinator compresses with it as a dictionary, and readers
/// decompress with it as stored. Known primers, each with its dictionary's contexts, are kept in
/// process (a few hundred batches at most).
/// </summary>
internal sealed class RedisBatchPrimers(IConnectionMultiplexer redis, RedisKeys keys)
{
    private const int MaxBatches = 256;
    private readonly ConcurrentDictionary<string, ResultPrimer> _writing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ResultPrimer> _reading = new(StringComparer.Ordinal);

    /// <summary>The primer this process compresses a batch's reports with, or null to compress them alone (no primer yet).</summary>
    public async Task<ResultPrimer?> ForWritingAsync(string batchId, byte[] compactReport, bool failed)
    {
        if (_writing.TryGetValue(batchId, out var known))
            return known;
        // A failed domain's report (no categories) would prime the rest poorly: it offers none. The
        // stored form keeps the Brotli head, so coordinators that still write 'p' entries continue it.
        RedisValue candidate = failed ? RedisValue.EmptyString : ResultPrimer.Of(compactReport).ToBytes();
        var result = await redis.GetDatabase().ScriptEvaluateAsync(RedisBatchScripts.Primer, [keys.Batch(batchId), keys.Primer(batchId)], [candidate]).ConfigureAwait(false);
        if (result.IsNull || ResultPrimer.FromBytes((byte[])result!) is not { } stored)
            return null;
        Remember(_writing, batchId, stored);
        return stored;
    }

    /// <summary>The batch's primer as stored, or null when it has none.</summary>
    public async Task<ResultPrimer?> ForReadingAsync(string batchId)
    {
        if (_reading.TryGetValue(batchId, out var known))
            return known;
        var stored = await redis.GetDatabase().StringGetAsync(keys.Primer(batchId)).ConfigureAwait(false);
        if (stored.IsNull || ResultPrimer.FromBytes((byte[])stored!) is not { } primer)
            return null;
        Remember(_reading, batchId, primer);
        return primer;
    }

    private static void Remember<T>(ConcurrentDictionary<string, T> primers, string batchId, T primer)
    {
        if (primers.Count >= MaxBatches)
            primers.Clear();
        primers[batchId] = primer;
    }
}
