using System.Security.Authentication;

namespace MailScan.Tls;

/// <summary>How reports spell protocol versions.</summary>
public static class TlsVersionNames
{
    public static string Of(TlsVersion version) => version switch
    {
        TlsVersion.Ssl20 => "SSL 2.0",
        TlsVersion.Ssl30 => "SSL 3.0",
        TlsVersion.Tls10 => "TLS 1.0",
        TlsVersion.Tls11 => "TLS 1.1",
        TlsVersion.Tls12 => "TLS 1.2",
        TlsVersion.Tls13 => "TLS 1.3",
        _ => $"0x{(ushort)version:X4}",
    };

    /// <summary>The version a .NET TLS session negotiated, spelt as reports spell it ("TLS 1.3", not the enum's "Tls13").</summary>
    public static string Of(SslProtocols protocol) => protocol switch
    {
        SslProtocols.Tls13 => Of(TlsVersion.Tls13),
        SslProtocols.Tls12 => Of(TlsVersion.Tls12),
#pragma warning disable SYSLIB0039 // the old versions are obsolete to offer, but a session may still have negotiated them
        SslProtocols.Tls11 => Of(TlsVersion.Tls11),
        SslProtocols.Tls => Of(TlsVersion.Tls10),
#pragma warning restore SYSLIB0039
#pragma warning disable CS0618 // SSL 3.0 and 2.0 likewise
        SslProtocols.Ssl3 => Of(TlsVersion.Ssl30),
        SslProtocols.Ssl2 => Of(TlsVersion.Ssl20),
#pragma warning restore CS0618
        _ => protocol.ToString(),
    };
}
