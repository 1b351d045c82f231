using MailScan.Dns;
using MailScan.Rpki;

namespace MailScan.Checks.Options;

/// <summary>
/// Every setting of the scanner. One model for appsettings.json, MAILSCAN__* environment
/// variables, a --profile file and command-line flags (in rising precedence).
/// </summary>
public sealed class MailScanOptions
{
    public DnsOptions Dns { get; set; } = new();
    public TargetOptions Targets { get; set; } = new();
    public SmtpOptions Smtp { get; set; } = new();
    public TlsOptions Tls { get; set; } = new();
    public RpkiOptions Rpki { get; set; } = new();
    public ScanOptions Scan { get; set; } = new();
    public AuthOptions Auth { get; set; } = new();
    public ClusterOptions Cluster { get; set; } = new();
    public TelemetryOptions Telemetry { get; set; } = new();
    public AccessOptions Access { get; set; } = new();
    public WebOptions Web { get; set; } = new();
}
