using MailScan.Checks;
using MailScan.Checks.Scanning;
using MailScan.Contracts.Bus;
using MailScan.Worker;
using MassTransit;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace MailScan.Coordinator;

/// <summary>Wires the coordinator: the domain scanner sending probes over the bus, with host de-duplication.</summary>
public static class MailScanCoordinatorServices
{
    /// <summary>How long a host's evidence is reused by other domains of the same scan.</summary>
    public static TimeSpan ScanWindow { get; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Embedded mode: coordinator and workers in one process on MassTransit's in-memory
    /// transport, with an in-memory cache. No broker, no Redis; the same code as the cluster.
    /// </summary>
    public static IServiceCollection AddMailScanEmbedded(this IServiceCollection services, int workerConcurrency)
    {
        services.AddMailScanChecks();
        services.AddHybridCache();
        services.AddMassTransit(bus =>
        {
            bus.AddMailScanWorker();
            bus.UsingInMemory((context, transport) =>
                transport.ConfigureProbeEndpoints(context, ProbeQueues.Families, workerConcurrency));
        });
        services.AddSingleton<BusProbeDispatcher>();
        services.AddSingleton<IProbeDispatcher>(sp =>
            new CachingProbeDispatcher(sp.GetRequiredService<BusProbeDispatcher>(), sp.GetRequiredService<HybridCache>(), ScanWindow));
        return services;
    }
}
