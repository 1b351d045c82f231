using MailScan.Checks.Options;
using MailScan.Checks.Scanning;
using MailScan.Checks.StartTls;
using MailScan.Checks.Targets;
using MailScan.Politeness;
using MailScan.Tls.Enumeration;
using Microsoft.Extensions.Logging.Abstractions;

namespace MailScan.Lab.Tests.Support;

/// <summary>The STARTTLS probe with the lab's settings, run directly against one lab address.</summary>
internal static class StartTlsLabProbe
{
    public static async Task<StartTlsEvidence> RunAsync(string address, EnumerationMode mode, string? serverName = null, Action<MailScanOptions>? configure = null)
    {
        var options = LabEnvironment.Options();
        options.Tls.Enumeration = mode;
        options.Tls.MaxConnectionsPerIp = 1000;
        configure?.Invoke(options);
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        var probe = new StartTlsProbe(wrapped, new TargetPolicy(wrapped), new LocalConnectionGate(Microsoft.Extensions.Options.Options.Create<ConnectionGateOptions>(options.Smtp), TimeProvider.System), TimeProvider.System, NullLogger<StartTlsProbe>.Instance);
        using var limit = new CancellationTokenSource(ScanTimeLimits.Probe(StartTlsProbe.Name, options) + TimeSpan.FromMinutes(1));
        var result = await probe.RunAsync(new ProbeRequest(new ProbeKey(StartTlsProbe.Name, address), serverName), limit.Token);
        return result.EvidenceAs<StartTlsEvidence>() ?? throw new InvalidOperationException($"{address}: {result.Outcome} {result.Reason}");
    }
}
