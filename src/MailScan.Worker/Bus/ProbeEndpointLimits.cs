using MailScan.Checks.Scanning;

namespace MailScan.Worker.Bus;

/// <summary>
/// How much a worker's probe queues take on: <see cref="Concurrency"/> probes at work per family,
/// <see cref="StrictWaits"/> more on a family whose probes wait out strict servers, the prefetch
/// and the redeliveries of a faulted consumer.
/// </summary>
public sealed record ProbeEndpointLimits(int Concurrency, int StrictWaits = 0, int Retries = 0)
{
    /// <summary>Messages RabbitMQ hands a worker ahead of time, per queue (at least what it takes on at once).</summary>
    public int Prefetch { get; init; }

    /// <summary>The messages one family's queue hands the consumer at once.</summary>
    public int MessagesFor(string family) => Concurrency + (ProbeCatalog.WaitingFamilies.Contains(family) ? StrictWaits : 0);
}
