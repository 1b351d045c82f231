using MailScan.Checks.Verdicts;

namespace MailScan.Checks.StartTls;

/// <summary>The sub-test ids of mail_starttls (mailtest.md), in report order.</summary>
public static class StartTlsSubtestIds
{
    public const string Available = "mail_starttls_tls_available";
    public const string Version = "mail_starttls_tls_version";
    public const string Ciphers = "mail_starttls_tls_ciphers";
    public const string CipherOrder = "mail_starttls_tls_cipherorder";
    public const string KeyExchange = "mail_starttls_tls_keyexchange";
    public const string KeyExchangeHash = "mail_starttls_tls_keyexchangehash";
    public const string Compression = "mail_starttls_tls_compress";
    public const string SecureRenegotiation = "mail_starttls_tls_secreneg";
    public const string ClientRenegotiation = "mail_starttls_tls_clientreneg";
    public const string ExtendedMasterSecret = "mail_starttls_tls_extendedmastersecret";
    public const string ZeroRtt = "mail_starttls_tls_0rtt";
    public const string CertChain = "mail_starttls_cert_chain";
    public const string CertPublicKey = "mail_starttls_cert_pubkey";
    public const string CertSignature = "mail_starttls_cert_sig";
    public const string Caa = "mail_starttls_tls_caa";
    public const string CertDomain = "mail_starttls_cert_domain";
    public const string DaneExist = "mail_starttls_dane_exist";
    public const string DaneValid = "mail_starttls_dane_valid";
    public const string DaneRollover = "mail_starttls_dane_rollover";

    /// <summary>Each sub-test with its level and full points, in report order.</summary>
    public static IReadOnlyList<SubtestDeclaration> Declared { get; } =
    [
        SubtestDeclaration.Mandatory(Available),
        SubtestDeclaration.Mandatory(Version),
        SubtestDeclaration.Mandatory(Ciphers),
        SubtestDeclaration.Mandatory(CipherOrder),
        SubtestDeclaration.Mandatory(KeyExchange),
        SubtestDeclaration.Mandatory(KeyExchangeHash),
        SubtestDeclaration.Mandatory(Compression),
        SubtestDeclaration.Mandatory(SecureRenegotiation),
        SubtestDeclaration.Info(ClientRenegotiation),
        SubtestDeclaration.Mandatory(ExtendedMasterSecret),
        SubtestDeclaration.Mandatory(ZeroRtt),
        SubtestDeclaration.Info(CertChain),
        SubtestDeclaration.Mandatory(CertPublicKey),
        SubtestDeclaration.Mandatory(CertSignature),
        SubtestDeclaration.Notice(Caa),
        // Informational for mail unless a DANE-TA record makes the name binding (SubtestLevels.CertDomain); no points either way.
        SubtestDeclaration.Info(CertDomain),
        SubtestDeclaration.Mandatory(DaneExist),
        SubtestDeclaration.Mandatory(DaneValid),
        SubtestDeclaration.Info(DaneRollover),
    ];

    public static IReadOnlyList<string> All { get; } = [.. Declared.Select(d => d.Id)];
}
