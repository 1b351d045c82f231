using MailScan.Checks.Options;
using MailScan.Checks.Scanning;
using MailScan.Contracts.Bus;
using MassTransit;
using Microsoft.Extensions.Options;

namespace MailScan.Coordinator;

/// <summary>Sends each probe to its family's queue and waits for a worker's answer.</summary>
public sealed class BusProbeDispatcher(IClientFactory clients, IOptions<MailScanOptions> options) : IProbeDispatcher
{
    // The worker enforces the probe limit itself; the margin covers queueing and the bus.
    private readonly TimeSpan _timeout = options.Value.Scan.ProbeTimeout + options.Value.Cluster.BusMargin;

    public async Task<ProbeResult> DispatchAsync(ProbeRequest request, CancellationToken cancellationToken)
    {
        var client = clients.CreateRequestClient<RunProbe>(
            new Uri($"queue:{ProbeQueues.ForKind(request.Key.Kind)}"), RequestTimeout.After(ms: (int)_timeout.TotalMilliseconds));
        try
        {
            var response = await client.GetResponse<ProbeFinished>(request.ToMessage(), cancellationToken).ConfigureAwait(false);
            return response.Message.ToResult();
        }
        catch (RequestTimeoutException)
        {
            return ProbeResult.NotCompleted(request.Key, ProbeOutcome.TimedOut,
                $"no worker answered within {_timeout.TotalSeconds:0} s", _timeout);
        }
        catch (RequestFaultException ex)
        {
            return ProbeResult.NotCompleted(request.Key, ProbeOutcome.Failed,
                $"the worker failed: {ex.Fault?.Exceptions.FirstOrDefault()?.Message ?? ex.Message}", TimeSpan.Zero);
        }
    }
}
