using MailScan.Dns;
using MailScan.Rpki;

namespace MailScan.Checks.Options;

/// <summary>
/// Every setting of the scanner. One model for appsettings.json, MAILSCAN__* environment
/// variables, a --profile file and command-line flags (in rising precedence). The settings of
/// the processes around it (Cluster, Telemetry, Access, Web) live with the hosts that use them
/// and are read from the same sources under the same keys.
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
}
