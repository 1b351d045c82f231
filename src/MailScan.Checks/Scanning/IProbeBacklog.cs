namespace MailScan.Checks.Scanning;

/// <summary>
/// Probes of this process waiting for a slot of their kind: work handed on that could not start
/// yet. More domains in flight would only lengthen it, so the domain limit does not grow while it
/// is long. Where probes run in workers the waiting is in RabbitMQ's queues and this says zero.
/// </summary>
public interface IProbeBacklog
{
    /// <summary>Probes waiting for a slot now.</summary>
    int Queued { get; }
}
