namespace MailScan.Tls;

/// <summary>How a cipher suite agrees on keys (TLS 1.3 suites leave it to the key_share extension).</summary>
public enum TlsKeyExchange
{
    Tls13,
    Ecdhe,
    Dhe,
    Rsa,
    EcdhStatic,
    DhStatic,
    EcdhAnonymous,
    DhAnonymous,
    Psk,
    Srp,
    Other,
}
