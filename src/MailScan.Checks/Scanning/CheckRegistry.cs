using MailScan.Checks.Ipv6;
using MailScan.Checks.StartTls;
using MailScan.Checks.Verdicts;

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
        new NotImplementedCheck(CategoryIds.Dnssec,
            ["mail_dnssec_mailto_exist", "mail_dnssec_mailto_valid", "mail_dnssec_mx_exist", "mail_dnssec_mx_valid"]),
        new NotImplementedCheck(CategoryIds.Auth,
            ["mail_auth_dmarc_exist", "mail_auth_dmarc_policy", "mail_auth_dmarc_ext_destination", "mail_auth_dkim_exist",
             "mail_auth_spf_exist", "mail_auth_spf_policy"]),
        new StartTlsCheck(),
        new NotImplementedCheck(CategoryIds.Rpki,
            ["mail_rpki_exists", "mail_rpki_valid", "mail_ns_rpki_exists", "mail_ns_rpki_valid",
             "mail_mx_ns_rpki_exists", "mail_mx_ns_rpki_valid"]),
    ]);
}
