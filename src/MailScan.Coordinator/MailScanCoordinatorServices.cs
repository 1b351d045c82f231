using MailScan.Checks;
using MailScan.Checks.Scanning;
using MailScan.Coordinator.Access;
using MailScan.Coordinator.Batches;
using MailScan.Coordinator.Flights;
using MailScan.Coordinator.Workers;
using MailScan.Dns;
using MailScan.Redis;
using MailScan.Redis.Hosting;
using MailScan.Worker;
using MailScan.Worker.Bus;
using MailScan.Worker.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MailScan.Coordinator;

/// <summary>Wires the coordinator: the domain scanner sending probes over the bus, with host de-duplication.</summary>
public static class MailScanCoordinatorServices
{
    /// <summary>How long a host's evidence is reused by other domains of the same scan.</summary>
    public static TimeSpan ScanWindow { get; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Embedded mode: the scanner runs its probes in this process, with an in-memory cache. No
    /// broker, no Redis; the cluster's dispatchers (host de-duplication, the probe time limit)
    /// without the bus, whose messages cost about a fifth of a domain's CPU for nothing in one process
    /// (docs/BENCHMARKS.md); each probe kind runs at most <paramref name="kindLimit"/> probes at
    /// once, a limit that follows the kind's latency when it adapts. The slots are a worker's
    /// (<see cref="ProbeWorkSlots"/>, per kind here): a strict server's evaluation gives its kind's
    /// slot up while it waits at the connection gate, as its domain gives up its own (StrictServerWaits).
    /// </summary>
    public static IServiceCollection AddMailScanEmbedded(this IServiceCollection services, AdaptiveLimitSettings kindLimit)
    {
        services.AddMailScanChecks();
        services.AddMailScanCache();
        services.TryAddSingleton(sp => new ProbeWorkSlots(kindLimit, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new KindLimitedProbeDispatcher(sp.GetRequiredService<InProcessProbeDispatcher>(), sp.GetRequiredService<ProbeWorkSlots>()));
        services.AddSingleton<IProbeBacklog>(sp => sp.GetRequiredService<KindLimitedProbeDispatcher>());
        services.AddSingleton<IProbeDispatcher>(sp => new CachingProbeDispatcher(
            sp.GetRequiredService<KindLimitedProbeDispatcher>(), sp.GetRequiredService<HybridCache>(), ScanWindow));
        return services;
    }

    /// <summary>
    /// A coordinator: the scanner and batches, probes over the bus (RabbitMQ when configured) to
    /// the queues of <paramref name="workerFamilies"/> consumed in this process too (`serve`) or
    /// elsewhere only (none: `coordinator`); with Redis, batch state, the cache's second level,
    /// single flight and the connection gate are shared by the whole cluster.
    /// </summary>
    public static IServiceCollection AddMailScanCoordinator(this IServiceCollection services, ClusterOptions cluster, IReadOnlyCollection<string> workerFamilies)
    {
        services.AddMailScanChecks();
        services.TryAddSingleton(Options.Create(cluster));
        var redis = services.AddMailScanRedis(cluster);
        services.AddMailScanCache();
        if (redis)
        {
            services.TryAddSingleton<IProbeFlight, RedisProbeFlight>();
            services.TryAddSingleton<IBatchStore, RedisBatchStore>();
            services.TryAddSingleton<IQuotaLedger, RedisQuotaLedger>();
        }
        services.TryAddSingleton<IProbeFlight, LocalProbeFlight>();
        services.AddMailScanBus(cluster, workerFamilies, cluster.WorkerConcurrency);
        services.AddSingleton<BusProbeDispatcher>();
        services.AddSingleton<IProbeDispatcher>(sp => new CachingProbeDispatcher(
            sp.GetRequiredService<BusProbeDispatcher>(), sp.GetRequiredService<HybridCache>(), ScanWindow, sp.GetRequiredService<IProbeFlight>()));
        services.AddMailScanBatches();
        services.AddMailScanAccess();
        if (!string.IsNullOrWhiteSpace(cluster.RabbitMq))
            services.TryAddSingleton<IQueueConsumerCounts, RabbitMqConsumerCounts>();
        services.AddProbeFamilyWatch();
        services.AddHostedService(sp => sp.GetRequiredService<ProbeFamilyWatch>());
        return services;
    }

    /// <summary>
    /// The watch over the probe queues' consumers; it checks only when an <see cref="IQueueConsumerCounts"/>
    /// is registered (RabbitMQ) and runs as a hosted service only where <see cref="AddMailScanCoordinator"/> adds it.
    /// </summary>
    private static IServiceCollection AddProbeFamilyWatch(this IServiceCollection services)
    {
        services.TryAddSingleton<ProbeFamilyWatch>();
        return services;
    }

    /// <summary>API keys and their quotas (Access:Keys): the key ring, the request rate limits, the door of both, the quota ledger (in memory unless one is registered).</summary>
    public static IServiceCollection AddMailScanAccess(this IServiceCollection services)
    {
        services.TryAddSingleton<ApiKeyRing>();
        services.TryAddSingleton<RequestRateLimits>();
        services.TryAddSingleton<ApiKeyGate>();
        services.TryAddSingleton<IQuotaLedger, MemoryQuotaLedger>();
        services.TryAddSingleton<BatchQuotas>();
        services.TryAddSingleton<OpenStreams>();
        return services;
    }

    /// <summary>
    /// The gRPC API: the scanner's service behind the API-key door (<see cref="ApiKeyInterceptor"/>),
    /// gRPC health and reflection in front of it, open to all. Map them with <see cref="MapMailScanGrpc"/>.
    /// </summary>
    public static IServiceCollection AddMailScanGrpc(this IServiceCollection services)
    {
        services.AddGrpc(grpc => grpc.EnableDetailedErrors = false)
            .AddServiceOptions<MailScanGrpcService>(service =>
            {
                service.Interceptors.Add<ApiKeyInterceptor>();
                // Reports stream whole (a client may start at any cursor); gzip, for clients that accept it, shrinks each
                // several-fold at the least CPU, since the coordinator is a cluster's busiest process.
                service.ResponseCompressionAlgorithm = "gzip";
                service.ResponseCompressionLevel = System.IO.Compression.CompressionLevel.Fastest;
            });
        services.AddProbeFamilyWatch();
        services.AddGrpcHealthChecks();
        services.AddGrpcReflection();
        return services;
    }

    /// <summary>Maps the services of <see cref="AddMailScanGrpc"/>.</summary>
    public static IEndpointRouteBuilder MapMailScanGrpc(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<MailScanGrpcService>();
        endpoints.MapGrpcHealthChecksService();
        endpoints.MapGrpcReflectionService();
        return endpoints;
    }

    /// <summary>Batches: the store (in memory unless one is registered), the service clients use, and the runner that scans them.</summary>
    public static IServiceCollection AddMailScanBatches(this IServiceCollection services)
    {
        services.TryAddSingleton<IBatchStore, MemoryBatchStore>();
        services.TryAddSingleton<BatchWakeUp>();
        services.TryAddSingleton<BatchService>();
        services.AddHostedService<BatchRunner>();
        return services;
    }
}
