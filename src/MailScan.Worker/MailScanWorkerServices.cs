using MailScan.Checks.Scanning;
using MailScan.Redis.Hosting;
using MailScan.Worker.Bus;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MailScan.Worker;

/// <summary>Wires the probe consumers onto the bus: one receive endpoint (queue) per probe family.</summary>
public static class MailScanWorkerServices
{
    /// <summary>Registers the consumer with the bus configuration.</summary>
    public static void AddMailScanWorker(this IBusRegistrationConfigurator bus) => bus.AddConsumer<ProbeConsumer>();

    /// <summary>
    /// The bus of a process: RabbitMQ when Cluster:RabbitMq is set, else MassTransit's in-memory
    /// transport; with probe consumers on the queues of <paramref name="families"/> (none for a
    /// coordinator that only sends probes).
    /// </summary>
    public static IServiceCollection AddMailScanBus(this IServiceCollection services, ClusterOptions cluster, IReadOnlyCollection<string> families, int concurrency)
    {
        if (families.Count > 0)
            services.TryAddSingleton(new ProbeWorkSlots(concurrency));
        var endpoints = new ProbeEndpointLimits(concurrency, cluster.WorkerStrictWaits, cluster.WorkerRetries);
        services.AddMassTransit(bus =>
        {
            if (families.Count > 0)
                bus.AddMailScanWorker();
            if (string.IsNullOrWhiteSpace(cluster.RabbitMq))
            {
                bus.UsingInMemory((context, transport) => transport.ConfigureProbeEndpoints(context, families, endpoints));
                return;
            }
            bus.UsingRabbitMq((context, transport) =>
            {
                var (host, user, password, tls) = RabbitMqAddress.Parse(cluster.RabbitMq);
                transport.Host(host, h =>
                {
                    h.Username(user);
                    h.Password(password);
                    if (tls)
                        h.UseSsl(ssl => RabbitMqTls.Configure(ssl, host.Host, cluster.RabbitMqCaFile));
                });
                transport.PrefetchCount = cluster.WorkerPrefetch;
                transport.ConfigureProbeEndpoints(context, families, endpoints with { Prefetch = cluster.WorkerPrefetch });
            });
        });
        return services;
    }

    /// <summary>
    /// Creates the queues of the given families and attaches the probe consumer to each. A family
    /// whose probes wait out strict servers takes <see cref="ProbeEndpointLimits.StrictWaits"/> more
    /// messages than it works on at once (<see cref="ProbeWorkSlots"/> keeps the working ones to
    /// the concurrency), and its prefetch is raised to match.
    /// </summary>
    public static void ConfigureProbeEndpoints(
        this IBusFactoryConfigurator configurator,
        IBusRegistrationContext context,
        IEnumerable<string> families,
        ProbeEndpointLimits limits)
    {
        foreach (var family in families)
        {
            configurator.ReceiveEndpoint(ProbeQueues.ForFamily(family), endpoint =>
            {
                var messages = limits.MessagesFor(family);
                endpoint.ConcurrentMessageLimit = messages;
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                    rabbit.PrefetchCount = Math.Max(limits.Prefetch, messages);
                // A fault of the consumer (not of the target: that is evidence) is retried with
                // back-off; then MassTransit moves the message to <queue>_error with the reason.
                // A malformed message goes there at once: no retry can mend it.
                if (limits.Retries > 0)
                {
                    endpoint.UseMessageRetry(r =>
                    {
                        r.Exponential(limits.Retries, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(300));
                        r.Ignore<MalformedProbeException>();
                    });
                }
                endpoint.ConfigureConsumer<ProbeConsumer>(context);
            });
        }
    }
}
