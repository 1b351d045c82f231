using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace MailScan.Redis;

/// <summary>
/// The Redis second level of HybridCache, made a cache and not a dependency: while Redis is away
/// (a restart, a failover), a read is a miss and a write is skipped, so DNS answers and host
/// evidence are fetched again instead of failing the probe that wanted them.
/// </summary>
public sealed partial class ForgivingDistributedCache(IDistributedCache inner, ILogger<ForgivingDistributedCache> logger) : IDistributedCache
{
    public byte[]? Get(string key)
    {
        try
        {
            return inner.Get(key);
        }
        catch (RedisException ex)
        {
            LogUnavailable(logger, "read", ex.Message);
            return null;
        }
    }

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        try
        {
            return await inner.GetAsync(key, token).ConfigureAwait(false);
        }
        catch (RedisException ex)
        {
            LogUnavailable(logger, "read", ex.Message);
            return null;
        }
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Forgive(() => inner.Set(key, value, options), "write");

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        ForgiveAsync(() => inner.SetAsync(key, value, options, token), "write");

    public void Refresh(string key) => Forgive(() => inner.Refresh(key), "refresh");

    public Task RefreshAsync(string key, CancellationToken token = default) => ForgiveAsync(() => inner.RefreshAsync(key, token), "refresh");

    public void Remove(string key) => Forgive(() => inner.Remove(key), "remove");

    public Task RemoveAsync(string key, CancellationToken token = default) => ForgiveAsync(() => inner.RemoveAsync(key, token), "remove");

    private void Forgive(Action action, string operation)
    {
        try
        {
            action();
        }
        catch (RedisException ex)
        {
            LogUnavailable(logger, operation, ex.Message);
        }
    }

    private async Task ForgiveAsync(Func<Task> action, string operation)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (RedisException ex)
        {
            LogUnavailable(logger, operation, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis cache {Operation} skipped, the cache is unavailable: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string operation, string reason);
}
