namespace MailScan.Tls.Codec;

/// <summary>An SSL 2.0 ERROR message: how an SSL 2.0 server turns a client down (1 no cipher, 2 no certificate, 4 bad certificate, 6 unsupported certificate type).</summary>
public sealed record Ssl2Error(ushort Code)
{
    public string Name => Code switch
    {
        1 => "NO-CIPHER-ERROR",
        2 => "NO-CERTIFICATE-ERROR",
        4 => "BAD-CERTIFICATE-ERROR",
        6 => "UNSUPPORTED-CERTIFICATE-TYPE-ERROR",
        _ => $"error 0x{Code:X4}",
    };
}
