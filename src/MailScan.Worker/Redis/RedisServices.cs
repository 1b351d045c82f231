using MailScan.Checks.Options;
using MailScan.Checks.Politeness;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace MailScan.Worker.Redis;

/// <summary>Wires Redis when Cluster:Redis is set: one shared connection, the keys, the cluster-wide connection gate.</summary>
public static class RedisServices
{
    /// <summary>Registers the connection and the distributed connection gate; returns false (and registers nothing) without Cluster:Redis.</summary>
    public static bool AddMailScanRedis(this IServiceCollection services, ClusterOptions cluster)
    {
        if (string.IsNullOrWhiteSpace(cluster.Redis))
            return false;
        var configuration = ConfigurationOptions.Parse(cluster.Redis);
        // Keep trying in the background: a Redis restart must not take the process down.
        configuration.AbortOnConnectFail = false;
        configuration.ConnectRetry = Math.Max(configuration.ConnectRetry, 5);
        services.TryAddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(configuration));
        services.TryAddSingleton(new RedisKeys(cluster));
        services.Replace(ServiceDescriptor.Singleton<IConnectionGate, RedisConnectionGate>());
        return true;
    }
}
