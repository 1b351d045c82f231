using MailScan.Redis;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace MailScan.Redis.Tests;

/// <summary>While Redis is away, the cache's second level misses and skips writes instead of failing the probe that uses it.</summary>
public sealed class ForgivingDistributedCacheTests
{
    [Fact]
    public async Task A_redis_outage_is_a_miss_on_read_and_a_skipped_write()
    {
        var cache = new ForgivingDistributedCache(new UnreachableRedis(), NullLogger<ForgivingDistributedCache>.Instance);

        Assert.Null(await cache.GetAsync("key"));
        Assert.Null(cache.Get("key"));
        await cache.SetAsync("key", [1], new DistributedCacheEntryOptions());
        await cache.RemoveAsync("key");
        await cache.RefreshAsync("key");
    }

    [Fact]
    public async Task Other_faults_are_not_hidden()
    {
        var cache = new ForgivingDistributedCache(new UnreachableRedis(new InvalidOperationException("a bug")), NullLogger<ForgivingDistributedCache>.Instance);
        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync("key"));
    }

    private sealed class UnreachableRedis(Exception? fault = null) : IDistributedCache
    {
        private Exception Fault => fault ?? new RedisException("SocketClosed on the cache's connection");

        public byte[]? Get(string key) => throw Fault;
        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Task.FromException<byte[]?>(Fault);
        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => throw Fault;
        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) => Task.FromException(Fault);
        public void Refresh(string key) => throw Fault;
        public Task RefreshAsync(string key, CancellationToken token = default) => Task.FromException(Fault);
        public void Remove(string key) => throw Fault;
        public Task RemoveAsync(string key, CancellationToken token = default) => Task.FromException(Fault);
    }
}
