using System.Net;
using MailScan.Politeness;
using MailScan.Redis.Notices;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace MailScan.Redis;

/// <summary>
/// The connection gate of a whole cluster: per address at most N connections at a time and a
/// minimum spacing between starts (or the spacing the address taught, <see cref="AddressPace"/>),
/// and Smtp:MaxConnectionsPerSecond for all addresses together (a token bucket of one token, as
/// the gate of one process spaces its starts), held in Redis so that every worker process obeys
/// the same limits and learns from the others' put-offs. The address and the cluster's rate are
/// taken in one step, so a connection waiting for its address spends none of the cluster's rate.
/// A lease is short and renewed while the connection lasts, so a killed worker frees its slot
/// within seconds. The clock is Redis's own, so workers need no synchronised clocks.
/// Waiting costs Redis little: the waiters of one process for one address queue here and only the
/// first asks; so do those of one process for the cluster's rate (<see cref="RateTurns"/>); a wait
/// whose end Redis can name (the spacing, the cluster's next start) sleeps that long; an address at its limit is asked again when a released connection publishes its address
/// (<see cref="RedisKeys.GateNotices"/>), or after a slow check if the notice is lost or the
/// holder died and its lease lapsed.
/// </summary>
public sealed class RedisConnectionGate(IConnectionMultiplexer redis, RedisKeys keys, IOptions<ConnectionGateOptions> options, TimeProvider time) : IConnectionGate
{
    // Returns 0 when the slot is taken, -1 when the address is at its limit (ask again when a lease
    // is released), n > 0 when the address's next start is n ms away, n < -1 when the cluster's is
    // -n - 1 ms away (RateTurns).
    // KEYS[3] is the address's learnt pace; KEYS[4] holds the cluster's next start in microseconds
    // (ARGV[5] apart; 0: no rate limit).
    private const string Acquire = """
        local t = redis.call('TIME')
        local nowUs = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local now = math.floor(nowUs / 1000)
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return -1 end
        local nextStart = tonumber(redis.call('GET', KEYS[2]) or '0')
        if nextStart > now then return nextStart - now end
        local interval = tonumber(ARGV[5])
        if interval > 0 then
          local nextGlobal = tonumber(redis.call('GET', KEYS[4]) or '0')
          if nextGlobal > nowUs then return -1 - math.max(1, math.ceil((nextGlobal - nowUs) / 1000)) end
          redis.call('SET', KEYS[4], string.format('%.0f', nowUs + interval), 'PX', math.ceil(interval / 1000) + 1000)
        end
        local spacing = tonumber(redis.call('HGET', KEYS[3], 's') or ARGV[2])
        redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[4])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        redis.call('SET', KEYS[2], now + spacing, 'PX', math.max(1, spacing))
        return 0
        """;

    // Stores the address's new pace for ARGV[6] ms; a spacing that grew by ARGV[7] ms moves the pending
    // next start (set with the old spacing) by as much; after a put-off the next start waits ARGV[5] ms.
    // Returns how many milliseconds from now the next start waits.
    private const string Report = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        redis.call('HSET', KEYS[2], 's', ARGV[1], 'r', ARGV[2], 'a', ARGV[3], 'p', ARGV[4])
        redis.call('PEXPIRE', KEYS[2], ARGV[6])
        local nextStart = tonumber(redis.call('GET', KEYS[1]) or '0')
        local longer = tonumber(ARGV[7])
        if longer > 0 and nextStart > now then
          nextStart = nextStart + longer
          redis.call('SET', KEYS[1], nextStart, 'PX', nextStart - now)
        end
        local wait = tonumber(ARGV[5])
        if wait > 0 and nextStart < now + wait then
          nextStart = now + wait
          redis.call('SET', KEYS[1], nextStart, 'PX', wait)
        end
        return math.max(0, nextStart - now)
        """;

    private const string Renew = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
          redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[2]), ARGV[1])
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
        end
        return 1
        """;

    // Frees a lease and tells the processes waiting for the address (ARGV[2] the channel, ARGV[3] the address).
    private const string Release = """
        local removed = redis.call('ZREM', KEYS[1], ARGV[1])
        redis.call('PUBLISH', ARGV[2], ARGV[3])
        return removed
        """;

    /// <summary>How long an address at its limit waits for a released connection's notice before asking again anyway.</summary>
    public static TimeSpan SlowCheck { get; } = TimeSpan.FromSeconds(2);

    private readonly RedisNoticeChannel _notices = new(redis, keys.GateNotices, SlowCheck);
    private readonly KeyedTurns _turns = new();
    private readonly RateTurns _rate = new(options.Value.MaxConnectionsPerSecond > 0 ? TimeSpan.FromSeconds(1 / options.Value.MaxConnectionsPerSecond) : TimeSpan.Zero, time);
    private readonly ConnectionGateOptions _gate = options.Value;
    private readonly PaceLimits _pace = PaceLimits.From(options.Value);
    private readonly long _leaseMs = (long)LeaseKeeper.LeaseTime.TotalMilliseconds;
    private readonly long _rateIntervalUs = options.Value.MaxConnectionsPerSecond > 0 ? (long)Math.Ceiling(1_000_000 / options.Value.MaxConnectionsPerSecond) : 0;

    public async ValueTask<IAsyncDisposable> AcquireAsync(IPAddress address, CancellationToken cancellationToken)
    {
        var name = address.ToString();
        var (leases, nextStart, pace) = keys.Gate(name);
        var token = Guid.NewGuid().ToString("N");
        var database = redis.GetDatabase();
        using (await _turns.TakeAsync(name, cancellationToken).ConfigureAwait(false))
        {
            await NoticeWait.UntilAsync(_notices, name, async () =>
            {
                // Redis away for a moment (a restart) delays the connection; it must not become the host's evidence.
                var wait = await _rate.AskAsync(async () => (long)await RedisRetry.RunAsync(() => database.ScriptEvaluateAsync(Acquire, [leases, nextStart, pace, keys.GateRate],
                    [_gate.MaxConnectionsPerIp, (long)_gate.MinConnectionSpacing.TotalMilliseconds, _leaseMs, token, _rateIntervalUs]), time, cancellationToken).ConfigureAwait(false),
                    cancellationToken).ConfigureAwait(false);
                return wait switch
                {
                    0 => WaitStep<bool>.Finished(true),
                    < 0 => WaitStep<bool>.UntilNotice(),
                    _ => WaitStep<bool>.After(TimeSpan.FromMilliseconds(wait)),
                };
            }, time, cancellationToken).ConfigureAwait(false);
        }
        return new Lease(database, leases, token, new LeaseKeeper(() => database.ScriptEvaluateAsync(Renew, [leases], [token, _leaseMs]), time),
            (_notices.Channel.ToString(), name));
    }

    /// <remarks>
    /// The pace is read, moved and written back in two steps: two workers reporting the same address
    /// at once may each move it from the same state, which costs one doubling at most.
    /// </remarks>
    public async ValueTask<TimeSpan> ReportAsync(IPAddress address, ServerAnswer answer, CancellationToken cancellationToken)
    {
        var (_, nextStart, paceKey) = keys.Gate(address.ToString());
        var database = redis.GetDatabase();
        var stored = await RedisRetry.RunAsync(() => database.HashGetAsync(paceKey, [(RedisValue)"s", "r", "a", "p"]), time, cancellationToken).ConfigureAwait(false);
        var pace = stored[0].IsNull
            ? AddressPace.Initial(_pace)
            : new AddressPace(TimeSpan.FromMilliseconds((long)stored[0]), TimeSpan.FromMilliseconds((long)stored[1]), (int)stored[2], (int)stored[3]);
        var before = pace.Spacing;
        pace = pace.After(answer, _pace);
        var longer = pace.Spacing > before ? (long)(pace.Spacing - before).TotalMilliseconds : 0;
        var wait = answer == ServerAnswer.PutOff ? (long)pace.RetryWait.TotalMilliseconds : 0;
        var result = (long)await RedisRetry.RunAsync(() => database.ScriptEvaluateAsync(Report, [nextStart, paceKey],
            [(long)pace.Spacing.TotalMilliseconds, (long)pace.RetryWait.TotalMilliseconds, pace.AcceptedInRun, pace.PutOffsInRow, wait,
             (long)pace.KeepFor(_pace, _gate.LearnedSpacingLifetime).TotalMilliseconds, longer]), time, cancellationToken).ConfigureAwait(false);
        return TimeSpan.FromMilliseconds(result);
    }

    public async ValueTask MarkStrictAsync(IPAddress address, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        await RedisRetry.RunAsync(() => database.StringSetAsync(keys.GateStrict(address.ToString()), 1, _gate.LearnedSpacingLifetime), time, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> AnyStrictAsync(IReadOnlyCollection<IPAddress> addresses, CancellationToken cancellationToken)
    {
        if (addresses.Count == 0)
            return false;
        var database = redis.GetDatabase();
        var marked = addresses.Select(a => keys.GateStrict(a.ToString())).ToArray();
        return await RedisRetry.RunAsync(() => database.KeyExistsAsync(marked), time, cancellationToken).ConfigureAwait(false) > 0;
    }

    private sealed class Lease(IDatabase database, RedisKey leases, string token, LeaseKeeper keeper, (string Channel, string Address) notice) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
                return;
            await keeper.DisposeAsync().ConfigureAwait(false);
            try
            {
                await database.ScriptEvaluateAsync(Release, [leases], [token, notice.Channel, notice.Address]).ConfigureAwait(false);
            }
            catch (Exception ex) when (RedisRetry.IsOutage(ex))
            {
                // Redis is away: the lease lapses by itself within its lease time, and waiters find it gone at their slow check; the probe's result stands.
            }
        }
    }
}
