using MailScan.Rpki;
using MailScan.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace MailScan.Redis;

/// <summary>
/// Shares the VRP set of a cluster: of all processes with a VRP source configured, the one holding
/// a short Redis lease (renewed by <see cref="LeaseKeeper"/>) follows the source and writes each
/// new version to Redis (<see cref="VrpSetCodec"/>, one key per version and a pointer to the
/// current one); the others wait to take over when it stops or dies. Every write checks the lease
/// in the same step, so a holder that lost it can never overwrite its successor's version.
/// </summary>
public sealed partial class VrpPublisher(Func<IVrpSource?> createSource, IConnectionMultiplexer redis, RedisKeys keys, TimeProvider time, ILogger<VrpPublisher> logger)
    : BackgroundService
{
    // KEYS: lease, pointer[, version]; ARGV: holder, pointer value, serialised set (or none), how long an old version stays, version key prefix.
    // The old version's key is derived here (a standalone Redis) so that the swap is one atomic step.
    private const string Publish = """
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
        if KEYS[3] then redis.call('SET', KEYS[3], ARGV[3]) end
        local previous = redis.call('GET', KEYS[2])
        redis.call('SET', KEYS[2], ARGV[2])
        if previous and previous ~= ARGV[2] and string.sub(previous, 1, 1) ~= '!' then
          redis.call('PEXPIRE', ARGV[5] .. previous, ARGV[4])
        end
        return 1
        """;

    private const string Renew = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0";
    private const string Release = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

    private readonly string _holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>How often a process without the lease tries to take it.</summary>
    public TimeSpan TakeOverEvery { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a replaced version stays readable, for processes that read the pointer just before the swap.</summary>
    public TimeSpan OldVersionsKept { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Whether this process holds the lease now.</summary>
    public bool IsPublishing => Volatile.Read(ref _publishing);

    private bool _publishing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A process without a VRP source of its own only reads what another one publishes.
        if (createSource() is not { } source)
            return;
        var db = redis.GetDatabase();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (await TryTakeLeaseAsync(db, stoppingToken).ConfigureAwait(false))
                {
                    await PublishWhileHeldAsync(db, source, stoppingToken).ConfigureAwait(false);
                    // The next term starts from a full read: a source only reports what changed since its last read.
                    source = createSource() ?? source;
                }
                await Task.Delay(TakeOverEvery, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> TryTakeLeaseAsync(IDatabase db, CancellationToken cancellationToken)
    {
        try
        {
            return await db.StringSetAsync(keys.VrpLease, _holder, LeaseKeeper.LeaseTime, When.NotExists).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisRetry.IsOutage(ex))
        {
            LogRedisAway(logger, ex.Message);
            return false;
        }
    }

    private async Task PublishWhileHeldAsync(IDatabase db, IVrpSource source, CancellationToken stoppingToken)
    {
        using var term = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var keeper = new LeaseKeeper(() => RenewAsync(db, term), time);
        Volatile.Write(ref _publishing, true);
        LogLeaseTaken(logger, source.Location);
        try
        {
            await foreach (var update in source.WatchAsync(term.Token).ConfigureAwait(false))
                await PublishAsync(db, update, term).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (term.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (RedisRetry.IsOutage(ex) || ex is RedisException)
        {
            // Redis stayed away beyond the retries: the lease lapses; whoever holds it next publishes afresh.
            LogRedisAway(logger, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A source that breaks must not take the process down; the next term starts it afresh.
            LogSourceFault(logger, source.Location, ex);
        }
        finally
        {
            Volatile.Write(ref _publishing, false);
            await keeper.DisposeAsync().ConfigureAwait(false);
            await ReleaseAsync(db).ConfigureAwait(false);
        }
    }

    private async Task PublishAsync(IDatabase db, VrpSourceUpdate update, CancellationTokenSource term)
    {
        if (update.Set is null && !update.Expired)
        {
            // The cluster keeps the last good version, as one process would.
            LogSourceFailed(logger, update.Error ?? "unknown error");
            return;
        }
        var (keysOf, pointer, bytes) = update.Set is { } set
            ? (new RedisKey[] { keys.VrpLease, keys.VrpCurrent, keys.VrpVersion(set.Info.Version) }, set.Info.Version, VrpSetCodec.Encode(set))
            : ([keys.VrpLease, keys.VrpCurrent], RedisVrpSource.Withdrawn + (update.Error ?? "expired"), Array.Empty<byte>());
        var written = (long)await RedisRetry.RunAsync(() => db.ScriptEvaluateAsync(Publish, keysOf,
            [_holder, pointer, bytes, (long)OldVersionsKept.TotalMilliseconds, keys.VrpVersion("").ToString()]), time, term.Token).ConfigureAwait(false);
        if (written == 0)
        {
            LogLeaseLost(logger);
            await term.CancelAsync().ConfigureAwait(false);
            return;
        }
        if (update.Set is { } published)
        {
            MailScanMetrics.VrpSetPublished();
            LogPublished(logger, published.Info.Version, published.Count, bytes.Length);
        }
        else
        {
            LogWithdrawn(logger, pointer[1..]);
        }
    }

    private async Task RenewAsync(IDatabase db, CancellationTokenSource term)
    {
        if ((long)await db.ScriptEvaluateAsync(Renew, [keys.VrpLease], [_holder, (long)LeaseKeeper.LeaseTime.TotalMilliseconds]).ConfigureAwait(false) == 0)
        {
            LogLeaseLost(logger);
            await term.CancelAsync().ConfigureAwait(false);
        }
    }

    private async Task ReleaseAsync(IDatabase db)
    {
        try
        {
            await db.ScriptEvaluateAsync(Release, [keys.VrpLease], [_holder]).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisRetry.IsOutage(ex))
        {
            // Redis is away: the lease lapses by itself within its lease time.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "VRP publisher: this process took the lease and follows {Source}")]
    private static partial void LogLeaseTaken(ILogger logger, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "VRP publisher: the lease was lost; another process publishes now")]
    private static partial void LogLeaseLost(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "VRP publisher: version {Version} published ({Count} VRPs, {Bytes} bytes)")]
    private static partial void LogPublished(ILogger logger, string version, int count, int bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "VRP publisher: the set was withdrawn: {Reason}")]
    private static partial void LogWithdrawn(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "VRP publisher: the source failed, the published version stays: {Error}")]
    private static partial void LogSourceFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "VRP publisher: the source {Source} failed")]
    private static partial void LogSourceFault(ILogger logger, string source, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "VRP publisher: Redis is unavailable: {Reason}")]
    private static partial void LogRedisAway(ILogger logger, string reason);
}
