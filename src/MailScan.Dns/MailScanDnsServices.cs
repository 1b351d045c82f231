using MailScan.Dns.Dnssec;
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
        services.AddHybridCache();
        services.TryAddSingleton(sp => new ResolverSet(sp.GetRequiredService<IOptions<DnsOptions>>()));
        services.TryAddSingleton<DnsWireClient>();
        services.TryAddSingleton<DnsMessageCache>();
        services.TryAddSingleton<IDnsResolver, DnsResolver>();
        services.TryAddSingleton<IValidatingResolver, DnssecValidator>();
        return services;
    }
}
