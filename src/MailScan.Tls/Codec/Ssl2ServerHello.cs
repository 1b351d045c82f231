namespace MailScan.Tls.Codec;

/// <summary>
/// What an SSL 2.0 SERVER-HELLO says: whether it resumed a session, its version (0x0002 for
/// SSL 2.0), the certificate (X.509 when <see cref="CertificateType"/> is 1), the cipher kinds the
/// server offers and the length of its connection id.
/// </summary>
public sealed record Ssl2ServerHello(
    bool SessionIdHit,
    byte CertificateType,
    ushort Version,
    byte[] Certificate,
    IReadOnlyList<int> CipherKinds,
    int ConnectionIdLength)
{
    /// <summary>The server answered in SSL 2.0 with the SSL 2.0 version: it speaks the protocol.</summary>
    public bool SpeaksSsl2 => Version == 0x0002;
}
