using System.Text.Json;
using MailScan.Checks.Scanning;
using MailScan.Redis;
using StackExchange.Redis;

namespace MailScan.Coordinator.Flights;

/// <summary>
/// Single flight across coordinators: a Redis lock per probe key (short, renewed while the probe
/// runs, so a dead holder frees it within seconds); the holder runs the probe and leaves the
/// result for the scan window; the others wait for that result. Every real run is counted
/// (Redis hash probe:runs), so "one evaluation per host" can be checked.
/// </summary>
public sealed class RedisProbeFlight(IConnectionMultiplexer redis, RedisKeys keys, TimeProvider time) : IProbeFlight
{
    private const string Unlock = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";
    private const string Renew = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0";
    // One counter per probe that lives as long as the result it counts: a hash of every host ever probed grew without end.
    private const string CountRun = "local n = redis.call('INCR', KEYS[1]) redis.call('PEXPIRE', KEYS[1], ARGV[1]) return n";
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a host's result is kept for others (the scan window).</summary>
    public TimeSpan Window { get; init; } = MailScanCoordinatorServices.ScanWindow;

    public async Task<(ProbeResult Result, bool Shared)> RunOnceAsync(ProbeRequest request, Func<CancellationToken, Task<ProbeResult>> run, CancellationToken cancellationToken)
    {
        var probe = request.Key.ToString();
        var (lockKey, resultKey) = (keys.ProbeLock(probe), keys.ProbeResult(probe));
        var db = redis.GetDatabase();
        var token = Guid.NewGuid().ToString("N");
        while (true)
        {
            // Redis away for a moment (a restart) delays the probe; it must not become the host's evidence.
            if (await RedisRetry.RunAsync(() => db.StringGetAsync(resultKey), time, cancellationToken).ConfigureAwait(false) is { HasValue: true } kept)
                return (JsonSerializer.Deserialize<ProbeResult>((string)kept!, EvidenceJson.Options)!, true);
            // A lock taken by an attempt whose answer was lost is ours but unknown: it lapses within the lease time.
            if (await RedisRetry.RunAsync(() => db.StringSetAsync(lockKey, token, LeaseKeeper.LeaseTime, When.NotExists), time, cancellationToken).ConfigureAwait(false))
            {
                // The holder before us may have finished between our look and our lock (another
                // coordinator, the same host): its result stands, and the host is not probed twice.
                if (await RedisRetry.RunAsync(() => db.StringGetAsync(resultKey), time, cancellationToken).ConfigureAwait(false) is { HasValue: true } late)
                {
                    await UnlockAsync(db, lockKey, token).ConfigureAwait(false);
                    return (JsonSerializer.Deserialize<ProbeResult>((string)late!, EvidenceJson.Options)!, true);
                }
                return (await RunHereAsync(db, request, run, (lockKey, resultKey), token, cancellationToken).ConfigureAwait(false), false);
            }
            await Task.Delay(Pause, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ProbeResult> RunHereAsync(
        IDatabase db, ProbeRequest request, Func<CancellationToken, Task<ProbeResult>> run, (RedisKey Lock, RedisKey Result) key, string token, CancellationToken cancellationToken)
    {
        var keeper = new LeaseKeeper(() => db.ScriptEvaluateAsync(Renew, [key.Lock], [token, (long)LeaseKeeper.LeaseTime.TotalMilliseconds]), time);
        try
        {
            await RedisRetry.RunAsync(() => db.ScriptEvaluateAsync(CountRun, [keys.ProbeRuns(request.Key.ToString())], [(long)Window.TotalMilliseconds]), time, cancellationToken).ConfigureAwait(false);
            var result = await run(cancellationToken).ConfigureAwait(false);
            // Only results about the host are handed on; a timeout of ours is tried again by the next asker.
            if (result.Outcome is ProbeOutcome.Completed or ProbeOutcome.NotAllowed)
            {
                var json = JsonSerializer.Serialize(result, EvidenceJson.Options);
                await RedisRetry.RunAsync(() => db.StringSetAsync(key.Result, json, Window), time, cancellationToken).ConfigureAwait(false);
            }
            return result;
        }
        finally
        {
            await keeper.DisposeAsync().ConfigureAwait(false);
            await UnlockAsync(db, key.Lock, token).ConfigureAwait(false);
        }
    }

    private static async Task UnlockAsync(IDatabase db, RedisKey lockKey, string token)
    {
        try
        {
            await db.ScriptEvaluateAsync(Unlock, [lockKey], [token]).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisRetry.IsOutage(ex))
        {
            // Redis is away: the lock lapses by itself within its lease time; the result stands.
        }
    }
}
