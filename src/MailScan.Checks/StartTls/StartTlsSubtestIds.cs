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

    public static IReadOnlyList<string> All { get; } =
    [
        Available, Version, Ciphers, CipherOrder, KeyExchange, KeyExchangeHash, Compression, SecureRenegotiation,
        ClientRenegotiation, ExtendedMasterSecret, ZeroRtt, CertChain, CertPublicKey, CertSignature, Caa, CertDomain,
        DaneExist, DaneValid, DaneRollover,
    ];
}
