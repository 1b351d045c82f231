using MailScan.Dns.Dnssec;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MailScan.Dns;

/// <summary>Registers the resolver, its cache and the DNSSEC validator; the host supplies <c>IOptions&lt;DnsOptions&gt;</c>.</summary>
public static class MailScanDnsServices
{
    public static IServiceCollection AddMailScanDns(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMailScanCache();
        services.TryAddSingleton(sp => new ResolverSet(sp.GetRequiredService<IOptions<DnsOptions>>()));
        services.TryAddSingleton<DnsWireClient>();
        services.TryAddSingleton<DnsMessageCache>();
        services.TryAddSingleton<ResolverHealth>();
        services.TryAddSingleton<IDnsResolver, DnsResolver>();
        services.TryAddSingleton<IValidatingResolver, DnssecValidator>();
        return services;
    }

    /// <summary>
    /// The product's one cache: HybridCache over a <see cref="BoundedMemoryCache"/> of
    /// <c>Dns:CacheMaxEntries</c> entries (and whatever IDistributedCache the host adds as the second level).
    /// </summary>
    public static IServiceCollection AddMailScanCache(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IMemoryCache>(sp => new BoundedMemoryCache(
            sp.GetRequiredService<IOptions<DnsOptions>>().Value.CacheMaxEntries, sp.GetRequiredService<TimeProvider>()));
        services.AddHybridCache();
        return services;
    }
}
