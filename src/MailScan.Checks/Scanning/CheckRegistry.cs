using MailScan.Checks.Auth;
using MailScan.Checks.Dnssec;
using MailScan.Checks.Ipv6;
using MailScan.Checks.Rpki;
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
        new DnssecCheck(),
        new AuthCheck(),
        new NotImplementedCheck(CategoryIds.StartTls,
            ["mail_starttls_tls_available", "mail_starttls_tls_version", "mail_starttls_tls_ciphers", "mail_starttls_tls_cipherorder",
             "mail_starttls_tls_keyexchange", "mail_starttls_tls_keyexchangehash", "mail_starttls_tls_compress",
             "mail_starttls_tls_secreneg", "mail_starttls_tls_clientreneg", "mail_starttls_tls_extendedmastersecret",
             "mail_starttls_tls_0rtt", "mail_starttls_cert_chain", "mail_starttls_cert_pubkey", "mail_starttls_cert_sig",
             "mail_starttls_tls_caa", "mail_starttls_cert_domain", "mail_starttls_dane_exist", "mail_starttls_dane_valid",
             "mail_starttls_dane_rollover"]),
        new RpkiCheck(),
    ]);
}
