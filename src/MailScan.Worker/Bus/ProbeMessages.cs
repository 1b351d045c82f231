using MailScan.Checks.Scanning;
using MailScan.Contracts.Bus;

namespace MailScan.Worker.Bus;

/// <summary>Maps probe requests and results to bus messages and back.</summary>
public static class ProbeMessages
{
    public static RunProbe ToMessage(this ProbeRequest request) => new(request.Key.Kind, request.Key.Target, request.Hint);

    public static ProbeRequest ToRequest(this RunProbe message) => new(new ProbeKey(message.Kind, message.Target), message.Hint);

    public static ProbeFinished ToMessage(this ProbeResult result) => new(
        result.Key.Kind, result.Key.Target, result.Outcome.ToString(), result.Reason, result.Evidence, result.Elapsed.TotalMilliseconds);

    public static ProbeResult ToResult(this ProbeFinished message) => new(
        new ProbeKey(message.Kind, message.Target),
        Enum.TryParse<ProbeOutcome>(message.Outcome, out var outcome) ? outcome : ProbeOutcome.Failed,
        message.Reason,
        message.Evidence,
        TimeSpan.FromMilliseconds(message.ElapsedMilliseconds));
}
