using System.Collections.Concurrent;
using MailScan.Coordinator.CompactResults;
using MailScan.Redis;
using StackExchange.Redis;

namespace MailScan.Coordinator.Batches;

/// <summary>
/// The primer of each batch's result log in Redis (<see cref="ResultPrimer"/>): the batch's first
/// reports that did not fail are gathered (each as it is logged, compressed alone) until there are
/// <see cref="Reports"/>; the coordinator that logs the last of them makes the primer and stores it,
/// every coordinator compresses with it as a dictionary, and readers decompress with it as stored.
/// Known primers, each with its dictionary's contexts (a few MB), are kept in process for a few
/// batches at a time.
/// </summary>
internal sealed class RedisBatchPrimers(IConnectionMultiplexer redis, RedisKeys keys)
{
    /// <summary>Reports in a primer: 32 reports of ~30 KB made each later report ~1 KB on the real hosting mix, one report ~2.3 KB (docs/BENCHMARKS.md).</summary>
    public const int Reports = 32;

    private const int MaxBatches = 16;
    private readonly ConcurrentDictionary<string, ResultPrimer> _writing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ResultPrimer> _reading = new(StringComparer.Ordinal);

    /// <summary>
    /// The primer this process compresses a batch's reports with, or null to compress this one alone
    /// (no primer yet). <paramref name="alone"/> is the report compressed alone: until the primer is
    /// made, the report is offered as one of its parts.
    /// </summary>
    public async Task<ResultPrimer?> ForWritingAsync(string batchId, Func<byte[]> alone, bool failed)
    {
        if (_writing.TryGetValue(batchId, out var known))
            return known;
        var db = redis.GetDatabase();
        RedisKey[] batchKeys = [keys.Batch(batchId), keys.Primer(batchId), keys.PrimerParts(batchId)];
        // A failed domain's report (no categories) would prime the rest poorly: it offers none.
        var answer = await db.ScriptEvaluateAsync(RedisBatchScripts.PrimerParts, batchKeys,
            [failed ? RedisValue.EmptyString : alone(), Reports]).ConfigureAwait(false);
        if (answer.IsNull)
            return null;
        var parts = (RedisResult[])answer!;
        var stored = (string?)parts[0] == "primer"
            ? (byte[]?)parts[1]
            : (byte[]?)await db.ScriptEvaluateAsync(RedisBatchScripts.SetPrimer, batchKeys,
                [ResultPrimer.OfReports(parts.Skip(1).Select(p => ResultCompression.Decompress((byte[])p!))).ToStoredBytes()]).ConfigureAwait(false);
        if (stored is null || ResultPrimer.FromBytes(stored) is not { } primer)
            return null;
        Remember(_writing, batchId, primer);
        return primer;
    }

    /// <summary>The batch's primer as stored, or null when it has none.</summary>
    public async Task<ResultPrimer?> ForReadingAsync(string batchId)
    {
        if (_reading.TryGetValue(batchId, out var known) || _writing.TryGetValue(batchId, out known))
            return known;
        var stored = await redis.GetDatabase().StringGetAsync(keys.Primer(batchId)).ConfigureAwait(false);
        if (stored.IsNull || ResultPrimer.FromBytes((byte[])stored!) is not { } primer)
            return null;
        Remember(_reading, batchId, primer);
        return primer;
    }

    private static void Remember(ConcurrentDictionary<string, ResultPrimer> primers, string batchId, ResultPrimer primer)
    {
        if (primers.Count >= MaxBatches)
            primers.Clear();
        primers[batchId] = primer;
    }
}
