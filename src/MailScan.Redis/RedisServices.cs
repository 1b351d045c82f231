using MailScan.Politeness;
using MailScan.Redis.Hosting;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace MailScan.Redis;

/// <summary>
/// Wires Redis when Cluster:Redis is set: one shared connection, the keys, the cluster-wide
/// connection gate, the distributed cache that HybridCache takes as its second level in
/// every process (host evidence in coordinators, DNS answers wherever they are cached), and the
/// VRP set shared through Redis.
/// </summary>
public static class RedisServices
{
    /// <summary>Registers the connection and the distributed connection gate; returns false (and registers nothing) without Cluster:Redis.</summary>
    public static bool AddMailScanRedis(this IServiceCollection services, ClusterOptions cluster)
    {
        if (string.IsNullOrWhiteSpace(cluster.Redis))
            return false;
        var configuration = RedisConnectionSettings.From(cluster);
        // Keep trying in the background: a Redis restart must not take the process down.
        configuration.AbortOnConnectFail = false;
        configuration.ConnectRetry = Math.Max(configuration.ConnectRetry, 5);
        // A loaded machine can hold a reply back for seconds; the store's steps retry on top.
        if (!cluster.Redis.Contains("syncTimeout", StringComparison.OrdinalIgnoreCase))
            configuration.SyncTimeout = 15_000;
        if (!cluster.Redis.Contains("asyncTimeout", StringComparison.OrdinalIgnoreCase))
            configuration.AsyncTimeout = 15_000;
        var keys = new RedisKeys(cluster);
        services.TryAddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(configuration));
        services.TryAddSingleton(keys);
        services.Replace(ServiceDescriptor.Singleton<IConnectionGate, RedisConnectionGate>());
        services.AddStackExchangeRedisCache(cache => cache.InstanceName = keys.CachePrefix);
        services.AddOptions<RedisCacheOptions>()
            .Configure<IConnectionMultiplexer>((cache, connection) => cache.ConnectionMultiplexerFactory = () => Task.FromResult(connection));
        // A Redis outage makes the second level miss, never fails the caller (see ForgivingDistributedCache).
        services.Replace(ServiceDescriptor.Singleton<IDistributedCache>(provider => new ForgivingDistributedCache(
            new RedisCache(provider.GetRequiredService<IOptions<RedisCacheOptions>>()),
            provider.GetRequiredService<ILogger<ForgivingDistributedCache>>())));
        services.AddMailScanSharedVrps();
        return true;
    }
}
