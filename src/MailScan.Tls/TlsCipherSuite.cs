namespace MailScan.Tls;

/// <summary>A cipher suite: its IANA code and name, key exchange and the versions it may be used with.</summary>
public sealed record TlsCipherSuite(ushort Code, string Name, TlsKeyExchange KeyExchange, TlsVersion MinVersion, TlsVersion MaxVersion)
{
    /// <summary>Whether a server may choose this suite when the given version is negotiated.</summary>
    public bool UsableWith(TlsVersion version) => version >= MinVersion && version <= MaxVersion;

    /// <summary>Suites that need a pre-shared key or SRP password: a scanner cannot negotiate them.</summary>
    public bool NeedsSecret => KeyExchange is TlsKeyExchange.Psk or TlsKeyExchange.Srp;

    /// <summary>Whether the key exchange is ephemeral (forward secret) Diffie-Hellman.</summary>
    public bool Ephemeral => KeyExchange is TlsKeyExchange.Ecdhe or TlsKeyExchange.Dhe or TlsKeyExchange.EcdhAnonymous or TlsKeyExchange.DhAnonymous;
}
