using MailScan.Checks.Options;
using MailScan.Checks.Scanning;
using MailScan.Contracts.Bus;
using MailScan.Coordinator.Workers;
using MailScan.Redis.Hosting;
using MailScan.Worker.Bus;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MailScan.Coordinator;

/// <summary>Sends each probe to its family's queue and waits for a worker's answer.</summary>
/// <remarks>With a <see cref="ProbeFamilyWatch"/> (a coordinator), a probe nobody answered says when its family has no worker.</remarks>
public sealed class BusProbeDispatcher(IBus bus, IClientFactory clients, IOptions<MailScanOptions> options, IOptions<ClusterOptions> cluster, IEnumerable<ProbeFamilyWatch> watches, ILogger<BusProbeDispatcher> logger) : IProbeDispatcher
{
    private readonly BusRestarts _restarts = Observed(bus, logger);
    // Connecting a request pipe is what brings the response endpoint up (and waits for it); the pipe itself is not needed.
    private readonly ResponseEndpointReady _responses = new(() => bus.ConnectRequestPipe(NewId.NextGuid(), Pipe.Empty<ConsumeContext<ProbeFinished>>()).Disconnect());

    private static BusRestarts Observed(IBus bus, ILogger logger)
    {
        var restarts = new BusRestarts(logger);
        bus.ConnectReceiveEndpointObserver(restarts);
        return restarts;
    }

    // The worker enforces the probe limit itself; the margin covers queueing and the bus.
    public async Task<ProbeResult> DispatchAsync(ProbeRequest request, CancellationToken cancellationToken)
    {
        var timeout = ScanTimeLimits.Probe(request.Key.Kind, options.Value) + cluster.Value.BusMargin;
        try
        {
            await _responses.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The endpoint did not come up (the broker away): the request waits for it itself, and says why if it must.
        }
        var client = clients.CreateRequestClient<RunProbe>(
            new Uri($"queue:{ProbeQueues.ForKind(request.Key.Kind)}"), RequestTimeout.After(ms: (int)timeout.TotalMilliseconds));
        try
        {
            return await AskAsync(client, request, cancellationToken).ConfigureAwait(false)
                ?? await ResentAsync(client, request, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestTimeoutException)
        {
            var family = ProbeKind.FamilyOf(request.Key.Kind);
            var why = watches.Any(w => w.FamiliesWithoutConsumer.Contains(family))
                ? $" (no worker consumes the probe family {family}, queue {ProbeQueues.ForFamily(family)})" : string.Empty;
            return ProbeResult.NotCompleted(request.Key, ProbeOutcome.TimedOut,
                $"no worker answered within {timeout.TotalSeconds:0} s{why}", timeout);
        }
        catch (RequestFaultException ex)
        {
            return ProbeResult.NotCompleted(request.Key, ProbeOutcome.Failed,
                $"the worker failed: {ex.Fault?.Exceptions.FirstOrDefault()?.Message ?? ex.Message}", TimeSpan.Zero);
        }
    }

    // The answer, or null when the bus reconnected while it was awaited: an answer published to
    // the response queue while the broker was away is gone, so waiting on would only end in the timeout.
    private async Task<ProbeResult?> AskAsync(IRequestClient<RunProbe> client, ProbeRequest request, CancellationToken cancellationToken)
    {
        var restarted = _restarts.Next;
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var asked = client.GetResponse<ProbeFinished>(request.ToMessage(), abandon.Token);
        if (await Task.WhenAny(asked, restarted).ConfigureAwait(false) == asked)
            return (await asked.ConfigureAwait(false)).Message.ToResult();
        await abandon.CancelAsync().ConfigureAwait(false);
        try
        {
            return (await asked.ConfigureAwait(false)).Message.ToResult();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    // Sent once more after a reconnection; a second loss ends in the timeout like any unanswered probe.
    private async Task<ProbeResult> ResentAsync(IRequestClient<RunProbe> client, ProbeRequest request, CancellationToken cancellationToken)
    {
        logger.LogDebug("Probe {Kind} {Target} sent again after the bus reconnected", request.Key.Kind, request.Key.Target);
        var response = await client.GetResponse<ProbeFinished>(request.ToMessage(), cancellationToken).ConfigureAwait(false);
        return response.Message.ToResult();
    }
}
