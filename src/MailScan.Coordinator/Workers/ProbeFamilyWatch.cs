using MailScan.Checks.Options;
using MailScan.Redis.Hosting;
using MailScan.Worker.Bus;
using MailScan.Worker.Queues;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MailScan.Coordinator.Workers;

/// <summary>
/// Asks the broker, at start and every Cluster:ConsumerCheckInterval, whether every probe family
/// the coordinator sends to has a consumer: a family without one makes each domain wait for its
/// probes' time limit and report them NOT_TESTABLE, which no other signal explains.
/// </summary>
/// <remarks>Without an <see cref="IQueueConsumerCounts"/> (the in-memory bus, where every family is consumed in process) it never checks.</remarks>
public sealed partial class ProbeFamilyWatch(
    IEnumerable<IQueueConsumerCounts> counters, IOptions<MailScanOptions> options, IOptions<ClusterOptions> cluster, ILogger<ProbeFamilyWatch> logger) : BackgroundService
{
    private readonly IQueueConsumerCounts? _counts = counters.FirstOrDefault();
    private readonly TimeSpan _interval = cluster.Value.ConsumerCheckInterval;
    private readonly TimeSpan _probeWait = options.Value.Scan.ProbeTimeout + cluster.Value.BusMargin;
    private volatile IReadOnlyList<string> _missing = [];
    private bool _checked;

    /// <summary>The families no worker consumes, as of the last check that reached the broker; empty when all have one or nothing is known.</summary>
    public IReadOnlyList<string> FamiliesWithoutConsumer => _missing;

    /// <summary>The families of <paramref name="consumers"/> (per queue) whose queue has no consumer, in the order of <see cref="ProbeQueues.Families"/>.</summary>
    public static IReadOnlyList<string> WithoutConsumer(IReadOnlyDictionary<string, int> consumers) =>
        ProbeQueues.Families.Where(f => consumers.GetValueOrDefault(ProbeQueues.ForFamily(f)) == 0).ToList();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_counts is null)
            return;
        using var timer = new PeriodicTimer(_interval);
        do
            await CheckAsync(stoppingToken).ConfigureAwait(false);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>One check: updates <see cref="FamiliesWithoutConsumer"/> and logs when the answer changes.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        if (_counts is null)
            return;
        IReadOnlyDictionary<string, int> consumers;
        try
        {
            consumers = await _counts.CountAsync(ProbeQueues.Families.Select(ProbeQueues.ForFamily).ToList(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The bus logs its own connection trouble; this check just knows nothing new.
            LogCheckFailed(logger, ex.Message);
            return;
        }
        var missing = WithoutConsumer(consumers);
        var changed = !_checked || !missing.SequenceEqual(_missing);
        _missing = missing;
        _checked = true;
        if (!changed)
            return;
        var summary = string.Join(", ", ProbeQueues.Families.Select(f => $"{f} {consumers.GetValueOrDefault(ProbeQueues.ForFamily(f))}"));
        if (missing.Count > 0)
            LogNoConsumer(logger, string.Join(", ", missing), string.Join(", ", missing.Select(ProbeQueues.ForFamily)), _probeWait.TotalSeconds, summary);
        else
            LogAllConsumed(logger, summary);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No worker consumes the probe family {Families} (queue {Queues}): every domain waits {Seconds:0} s for such a probe and reports it NOT_TESTABLE. Start `mailscan worker` (without --kinds it serves every family) or add the family to a worker's --kinds. Consumers per family: {Consumers}")]
    private static partial void LogNoConsumer(ILogger logger, string families, string queues, double seconds, string consumers);

    [LoggerMessage(Level = LogLevel.Information, Message = "Every probe family has a worker; consumers per family: {Consumers}")]
    private static partial void LogAllConsumed(ILogger logger, string consumers);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not count the probe queues' consumers: {Reason}")]
    private static partial void LogCheckFailed(ILogger logger, string reason);
}
