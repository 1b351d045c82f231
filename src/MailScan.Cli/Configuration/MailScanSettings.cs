using MailScan.Checks.Options;
using MailScan.Cli.Hosting;
using MailScan.Coordinator.Access;
using MailScan.Coordinator.Web;
using MailScan.Redis.Hosting;

namespace MailScan.Cli.Configuration;

/// <summary>
/// Everything a mailscan process is configured with: the scanner's settings and those of the
/// hosts around it, each section under its own key (Cluster, Telemetry, Access, Web) in the same
/// sources as the scanner's.
/// </summary>
internal sealed class MailScanSettings
{
    public MailScanOptions Scanner { get; } = new();
    public ClusterOptions Cluster { get; } = new();
    public TelemetryOptions Telemetry { get; } = new();
    public AccessOptions Access { get; } = new();
    public WebOptions Web { get; } = new();

    /// <summary>Every problem of the settings, one line each with its key: the scanner's first, then the hosts'.</summary>
    public IEnumerable<string> Errors() =>
        MailScanOptionsValidator.Errors(Scanner).Concat(Cluster.Errors()).Concat(Telemetry.Errors()).Concat(Access.Errors()).Concat(Web.Errors());
}
