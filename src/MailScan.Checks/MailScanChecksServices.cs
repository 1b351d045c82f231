using MailScan.Checks.Auth;
using MailScan.Checks.Auth.MtaSts;
using MailScan.Checks.Discovery;
using MailScan.Checks.Dnssec;
using MailScan.Checks.Ipv6.NameServers;
using MailScan.Checks.Options;
using MailScan.Checks.Policy.Psl;
using MailScan.Checks.Rpki;
using MailScan.Checks.Scanning;
using MailScan.Checks.Smtp;
using MailScan.Checks.StartTls;
using MailScan.Checks.StartTls.Caa;
using MailScan.Checks.StartTls.Dane;
using MailScan.Checks.Targets;
using MailScan.Checks.Trust;
using MailScan.Dns;
using MailScan.Dns.Dnssec;
using MailScan.Politeness;
using MailScan.Rpki;
using MailScan.Tls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MailScan.Checks;

/// <summary>Registers what the product knows: options, DNS, target policy, probes, checks and the domain scanner.</summary>
public static class MailScanChecksServices
{
    public static IServiceCollection AddMailScanChecks(this IServiceCollection services)
    {
        services.AddOptions<MailScanOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MailScanOptions>, MailScanOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => Microsoft.Extensions.Options.Options.Create(sp.GetRequiredService<IOptions<MailScanOptions>>().Value.Dns));
        services.AddMailScanDns();
        services.TryAddSingleton(sp => Microsoft.Extensions.Options.Options.Create(sp.GetRequiredService<IOptions<MailScanOptions>>().Value.Rpki));
        services.AddMailScanRpki();
        services.TryAddSingleton<TargetPolicy>();
        services.TryAddSingleton(sp => Microsoft.Extensions.Options.Options.Create<ConnectionGateOptions>(sp.GetRequiredService<IOptions<MailScanOptions>>().Value.Smtp));
        services.TryAddSingleton<IConnectionGate, LocalConnectionGate>();
        services.TryAddSingleton<IProbeBacklog, NoProbeBacklog>();
        services.TryAddSingleton<ScanPressure>();
        services.TryAddSingleton<ExtraTrustedRoots>();
        services.TryAddSingleton(sp => PublicSuffixList.Load(sp.GetRequiredService<IOptions<MailScanOptions>>().Value.Auth.PublicSuffixListFile));
        services.TryAddSingleton<MtaStsPolicyFetcher>();

        foreach (var probe in ProbeCatalog.All)
            services.AddSingleton(typeof(IProbe), probe.Type);
        services.TryAddSingleton<InProcessProbeDispatcher>();

        services.TryAddSingleton(_ => CheckRegistry.Default());
        services.TryAddSingleton<DomainScanner>();
        return services;
    }
}
