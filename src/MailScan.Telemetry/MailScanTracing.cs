using System.Diagnostics;

namespace MailScan.Telemetry;

/// <summary>
/// The product's ActivitySource (`MailScan`): a span per domain scan and per probe run. MassTransit
/// carries the trace context in its messages, so a worker's probe span joins the trace of the
/// domain whose coordinator asked for it: one trace per domain across processes.
/// </summary>
public static class MailScanTracing
{
    public const string SourceName = "MailScan";

    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>The span of one domain's scan; a new trace unless the scan runs inside a request's span.</summary>
    public static Activity? StartDomainScan(string domain)
    {
        var activity = Source.StartActivity("scan domain");
        activity?.SetTag("mailscan.domain", domain);
        return activity;
    }

    /// <summary>The span of one probe run in this process.</summary>
    public static Activity? StartProbe(string kind, string target)
    {
        var activity = Source.StartActivity($"probe {kind}");
        activity?.SetTag("mailscan.probe.kind", kind);
        activity?.SetTag("mailscan.probe.target", target);
        return activity;
    }
}
