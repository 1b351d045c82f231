using MailScan.Redis.Hosting;
using MailScan.Worker.Bus;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

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
        services.AddMassTransit(bus =>
        {
            if (families.Count > 0)
                bus.AddMailScanWorker();
            if (string.IsNullOrWhiteSpace(cluster.RabbitMq))
            {
                bus.UsingInMemory((context, transport) => transport.ConfigureProbeEndpoints(context, families, concurrency, cluster.WorkerRetries));
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
                transport.ConfigureProbeEndpoints(context, families, concurrency, cluster.WorkerRetries);
            });
        });
        return services;
    }

    /// <summary>Creates the queues of the given families and attaches the probe consumer to each.</summary>
    public static void ConfigureProbeEndpoints(
        this IBusFactoryConfigurator configurator,
        IBusRegistrationContext context,
        IEnumerable<string> families,
        int concurrency,
        int retries = 0)
    {
        foreach (var family in families)
        {
            configurator.ReceiveEndpoint(ProbeQueues.ForFamily(family), endpoint =>
            {
                endpoint.ConcurrentMessageLimit = concurrency;
                // A fault of the consumer (not of the target: that is evidence) is retried with
                // back-off; then MassTransit moves the message to <queue>_error with the reason.
                // A malformed message goes there at once: no retry can mend it.
                if (retries > 0)
                {
                    endpoint.UseMessageRetry(r =>
                    {
                        r.Exponential(retries, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(300));
                        r.Ignore<MalformedProbeException>();
                    });
                }
                endpoint.ConfigureConsumer<ProbeConsumer>(context);
            });
        }
    }
}
