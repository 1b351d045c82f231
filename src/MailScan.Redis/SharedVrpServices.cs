using MailScan.Redis.Hosting;
using MailScan.Rpki;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace MailScan.Redis;

/// <summary>
/// The VRP set of a cluster process comes from Redis: every process reads the version the
/// publisher wrote, and every process with a VRP source of its own competes to be that publisher.
/// Embedded mode (no Redis) keeps the source of <see cref="RpkiServices"/> in each process.
/// </summary>
public static class SharedVrpServices
{
    public static IServiceCollection AddMailScanSharedVrps(this IServiceCollection services)
    {
        services.TryAddSingleton<IPublishedVrps, RedisPublishedVrps>();
        services.Replace(ServiceDescriptor.Singleton(sp =>
        {
            var rpki = sp.GetRequiredService<IOptions<RpkiOptions>>();
            var source = new RedisVrpSource(sp.GetRequiredService<IPublishedVrps>(), sp.GetRequiredService<IOptions<ClusterOptions>>().Value.VrpPollInterval,
                rpki.Value.FetchTimeout, sp.GetRequiredService<TimeProvider>());
            return new VrpStore(source, rpki, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<VrpStore>>());
        }));
        services.AddHostedService(sp => new VrpPublisher(() => RpkiServices.CreateVrpSource(sp), sp.GetRequiredService<IConnectionMultiplexer>(),
            sp.GetRequiredService<RedisKeys>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<VrpPublisher>>()));
        return services;
    }
}
