using MailScan.Checks.Auth;
using MailScan.Checks.Dnssec;
using MailScan.Checks.Ipv6;
using MailScan.Checks.Rpki;
using MailScan.Checks.StartTls;
using MailScan.Checks.Verdicts;
using MailScan.Dns.Dnssec;
using MailScan.Rpki;

namespace MailScan.Checks.Scanning;

/// <summary>The one list of every category check, in report order.</summary>
public sealed class CheckRegistry
{
    public CheckRegistry(IEnumerable<IMailCheck> checks) => Checks = [.. checks];

    /// <summary>The checks of this version of the scanner.</summary>
    public IReadOnlyList<IMailCheck> Checks { get; }

    /// <summary>The checks of the mail test, in report order.</summary>
    public static CheckRegistry Default() => new(
    [
        new Ipv6Check(),
        new DnssecCheck(),
        new AuthCheck(),
        new StartTlsCheck(),
        new RpkiCheck(),
    ]);
}
