using System.Diagnostics;
using MailScan.Checks.Options;
using MailScan.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MailScan.Checks.Scanning;

/// <summary>Runs probes directly in this process, each under the probe time limit. Used by workers and tests.</summary>
public sealed partial class InProcessProbeDispatcher(
    IEnumerable<IProbe> probes,
    IOptions<MailScanOptions> options,
    ILogger<InProcessProbeDispatcher>? logger = null) : IProbeDispatcher
{
    private readonly ILogger _logger = logger ?? NullLogger<InProcessProbeDispatcher>.Instance;
    private readonly Dictionary<string, IProbe> _probes = probes.ToDictionary(p => p.Kind, StringComparer.Ordinal);

    public async Task<ProbeResult> DispatchAsync(ProbeRequest request, CancellationToken cancellationToken)
    {
        using var span = MailScanTracing.StartProbe(request.Key.Kind, request.Key.Target);
        var started = MailScanMetrics.ProbeStarted(request.Key.Kind);
        var result = await RunAsync(request, cancellationToken).ConfigureAwait(false);
        MailScanMetrics.ProbeFinished(request.Key.Kind, result.Outcome.Label(), started);
        span?.SetTag("mailscan.probe.outcome", result.Outcome.Label());
        if (result.Outcome is ProbeOutcome.TimedOut or ProbeOutcome.Failed)
        {
            span?.SetStatus(ActivityStatusCode.Error, result.Reason);
            LogProbeError(_logger, request.Key.Kind, request.Key.Target, result.Outcome, result.Reason);
        }
        LogProbeFinished(_logger, request.Key.Kind, request.Key.Target, result.Outcome, result.Elapsed.TotalMilliseconds);
        return result;
    }

    private async Task<ProbeResult> RunAsync(ProbeRequest request, CancellationToken cancellationToken)
    {
        if (!_probes.TryGetValue(request.Key.Kind, out var probe))
            return ProbeResult.NotCompleted(request.Key, ProbeOutcome.Failed, $"no probe of kind '{request.Key.Kind}' in this process", TimeSpan.Zero);

        var started = Stopwatch.GetTimestamp();
        var limit = ScanTimeLimits.Probe(request.Key.Kind, options.Value);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            return await probe.RunAsync(request, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ProbeResult.NotCompleted(request.Key, ProbeOutcome.TimedOut,
                $"the probe did not finish within {limit.TotalSeconds:0} s", Stopwatch.GetElapsedTime(started));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A fault of ours must not take the scan down: it becomes an ERROR with the reason.
            return ProbeResult.NotCompleted(request.Key, ProbeOutcome.Failed,
                $"probe fault: {ex.GetType().Name}: {ex.Message}", Stopwatch.GetElapsedTime(started));
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "probe {Kind} {Target}: {Outcome} in {Milliseconds:0} ms")]
    private static partial void LogProbeFinished(ILogger logger, string kind, string target, ProbeOutcome outcome, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "probe {Kind} {Target}: {Outcome}: {Reason}")]
    private static partial void LogProbeError(ILogger logger, string kind, string target, ProbeOutcome outcome, string reason);
}
