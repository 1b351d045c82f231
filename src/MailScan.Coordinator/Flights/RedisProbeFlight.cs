using System.Text.Json;
using MailScan.Checks.Scanning;
using MailScan.Redis;
using MailScan.Redis.Notices;
using StackExchange.Redis;

namespace MailScan.Coordinator.Flights;

/// <summary>
/// Single flight across coordinators: a Redis lock per probe key (short, renewed while the probe
/// runs, so a dead holder frees it within seconds); the holder runs the probe and leaves the
/// result for the scan window; the others wait for that result. Every real run is counted
/// (Redis hash probe:runs), so "one evaluation per host" can be checked. A waiter does not poll:
/// the holder publishes the probe key when it lets the lock go (<see cref="RedisKeys.ProbeNotices"/>),
/// after storing the result if there is one to keep, and the waiter looks again then, or after a
/// slow check if the notice is lost or the holder died and its lock lapsed.
/// </summary>
public sealed class RedisProbeFlight(IConnectionMultiplexer redis, RedisKeys keys, TimeProvider time) : IProbeFlight
{
    // Lets the lock go if it is still ours, and tells the waiters of the probe (ARGV[2] the channel, ARGV[3] the probe key) either way.
    private const string Unlock = "local n = 0 if redis.call('GET', KEYS[1]) == ARGV[1] then n = redis.call('DEL', KEYS[1]) end redis.call('PUBLISH', ARGV[2], ARGV[3]) return n";
    private const string Renew = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0";
    // One counter per probe that lives as long as the result it counts: a hash of every host ever probed grew without end.
    private const string CountRun = "local n = redis.call('INCR', KEYS[1]) redis.call('PEXPIRE', KEYS[1], ARGV[1]) return n";

    /// <summary>How long a waiter waits for the holder's notice before it looks at the result and the lock again anyway.</summary>
    public static TimeSpan SlowCheck { get; } = TimeSpan.FromSeconds(2);

    private readonly RedisNoticeChannel _notices = new(redis, keys.ProbeNotices, SlowCheck);

    /// <summary>How long a host's result is kept for others (the scan window).</summary>
    public TimeSpan Window { get; init; } = MailScanCoordinatorServices.ScanWindow;

    public async Task<(ProbeResult Result, bool Shared)> RunOnceAsync(ProbeRequest request, Func<CancellationToken, Task<ProbeResult>> run, CancellationToken cancellationToken)
    {
        var probe = request.Key.ToString();
        var (lockKey, resultKey) = (keys.ProbeLock(probe), keys.ProbeResult(probe));
        var db = redis.GetDatabase();
        var token = Guid.NewGuid().ToString("N");
        var (kept, locked) = await NoticeWait.UntilAsync(_notices, probe, async () =>
        {
            // Redis away for a moment (a restart) delays the probe; it must not become the host's evidence.
            if (await RedisRetry.RunAsync(() => db.StringGetAsync(resultKey), time, cancellationToken).ConfigureAwait(false) is { HasValue: true } found)
                return WaitStep<(RedisValue, bool)>.Finished((found, false));
            // A lock taken by an attempt whose answer was lost is ours but unknown: it lapses within the lease time.
            if (!await RedisRetry.RunAsync(() => db.StringSetAsync(lockKey, token, LeaseKeeper.LeaseTime, When.NotExists), time, cancellationToken).ConfigureAwait(false))
                return WaitStep<(RedisValue, bool)>.UntilNotice();
            // The holder before us may have finished between our look and our lock (another
            // coordinator, the same host): its result stands, and the host is not probed twice.
            if (await RedisRetry.RunAsync(() => db.StringGetAsync(resultKey), time, cancellationToken).ConfigureAwait(false) is { HasValue: true } late)
            {
                await UnlockAsync(db, lockKey, token, probe).ConfigureAwait(false);
                return WaitStep<(RedisValue, bool)>.Finished((late, false));
            }
            return WaitStep<(RedisValue, bool)>.Finished((RedisValue.Null, true));
        }, time, cancellationToken).ConfigureAwait(false);
        if (!locked)
            return (JsonSerializer.Deserialize<ProbeResult>((string)kept!, EvidenceJson.Options)!, true);
        return (await RunHereAsync(db, request, run, (lockKey, resultKey), token, cancellationToken).ConfigureAwait(false), false);
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
            await UnlockAsync(db, key.Lock, token, request.Key.ToString()).ConfigureAwait(false);
        }
    }

    private async Task UnlockAsync(IDatabase db, RedisKey lockKey, string token, string probe)
    {
        try
        {
            await db.ScriptEvaluateAsync(Unlock, [lockKey], [token, _notices.Channel.ToString(), probe]).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisRetry.IsOutage(ex))
        {
            // Redis is away: the lock lapses by itself within its lease time, and waiters find it gone at their slow check; the result stands.
        }
    }
}
