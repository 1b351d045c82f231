using MailScan.Redis;
using StackExchange.Redis;

namespace MailScan.Coordinator.Access;

/// <summary>
/// The quota ledger in Redis: shared by every coordinator of the cluster and kept across restarts
/// (AOF on). A day's name count is one counter, checked and raised in one script, so two
/// coordinators cannot both let the last names of a day through.
/// </summary>
public sealed class RedisQuotaLedger(IConnectionMultiplexer redis, RedisKeys keys) : IQuotaLedger
{
    /// <summary>A day's counter outlives its day, so a clock a little behind still finds it.</summary>
    private static readonly TimeSpan CounterLife = TimeSpan.FromDays(2);

    /// <summary>KEYS: counter. ARGV: names, limit (0: none), life in seconds. Returns {granted 0/1, count after}.</summary>
    private const string Charge = """
        local used = tonumber(redis.call('GET', KEYS[1]) or '0')
        local names = tonumber(ARGV[1])
        local limit = tonumber(ARGV[2])
        if limit > 0 and used + names > limit then return {0, used} end
        used = redis.call('INCRBY', KEYS[1], names)
        redis.call('EXPIRE', KEYS[1], ARGV[3])
        return {1, used}
        """;

    private IDatabase Db => redis.GetDatabase();

    public async Task<NameCharge> ChargeNamesAsync(string keyName, DateOnly day, long names, long limit, CancellationToken cancellationToken)
    {
        var result = (RedisResult[])(await Db.ScriptEvaluateAsync(Charge, [keys.QuotaNames(keyName, day)],
            [names, limit, (long)CounterLife.TotalSeconds]).ConfigureAwait(false))!;
        return new NameCharge((long)result[0] == 1, (long)result[1]);
    }

    public Task RefundNamesAsync(string keyName, DateOnly day, long names, CancellationToken cancellationToken) =>
        Db.StringDecrementAsync(keys.QuotaNames(keyName, day), names);

    public async Task<IReadOnlyList<string>> BatchesAsync(string keyName, CancellationToken cancellationToken) =>
        (await Db.SetMembersAsync(keys.QuotaBatches(keyName)).ConfigureAwait(false)).Select(v => v.ToString()).ToList();

    public Task AddBatchAsync(string keyName, string batchId, CancellationToken cancellationToken) =>
        Db.SetAddAsync(keys.QuotaBatches(keyName), batchId);

    public Task ForgetBatchesAsync(string keyName, IReadOnlyCollection<string> batchIds, CancellationToken cancellationToken) =>
        batchIds.Count == 0 ? Task.CompletedTask : Db.SetRemoveAsync(keys.QuotaBatches(keyName), batchIds.Select(id => (RedisValue)id).ToArray());
}
