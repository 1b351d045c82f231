namespace MailScan.Tls;

/// <summary>Protocol versions as their wire codes (SSL 2.0 uses its own record format).</summary>
public enum TlsVersion : ushort
{
    Ssl20 = 0x0200,
    Ssl30 = 0x0300,
    Tls10 = 0x0301,
    Tls11 = 0x0302,
    Tls12 = 0x0303,
    Tls13 = 0x0304,
}
