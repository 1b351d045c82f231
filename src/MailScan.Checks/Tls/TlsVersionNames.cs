namespace MailScan.Checks.Tls;

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
}
