using MailScan.Contracts.Bus;
using MassTransit;

namespace MailScan.Worker;

/// <summary>Wires the probe consumers onto the bus: one receive endpoint (queue) per probe family.</summary>
public static class MailScanWorkerServices
{
    /// <summary>Registers the consumer with the bus configuration.</summary>
    public static void AddMailScanWorker(this IBusRegistrationConfigurator bus) => bus.AddConsumer<ProbeConsumer>();

    /// <summary>Creates the queues of the given families and attaches the probe consumer to each.</summary>
    public static void ConfigureProbeEndpoints(
        this IBusFactoryConfigurator configurator,
        IBusRegistrationContext context,
        IEnumerable<string> families,
        int concurrency)
    {
        foreach (var family in families)
        {
            configurator.ReceiveEndpoint(ProbeQueues.ForFamily(family), endpoint =>
            {
                endpoint.ConcurrentMessageLimit = concurrency;
                endpoint.ConfigureConsumer<ProbeConsumer>(context);
            });
        }
    }
}
