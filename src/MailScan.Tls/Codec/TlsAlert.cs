namespace MailScan.Tls.Codec;

/// <summary>A TLS alert (RFC 8446 §6): level 1 warning, 2 fatal; 40 handshake_failure, 70 protocol_version, ...</summary>
public sealed record TlsAlert(byte Level, byte Description)
{
    public string Name => Description switch
    {
        0 => "close_notify",
        10 => "unexpected_message",
        20 => "bad_record_mac",
        40 => "handshake_failure",
        42 => "bad_certificate",
        47 => "illegal_parameter",
        50 => "decode_error",
        51 => "decrypt_error",
        70 => "protocol_version",
        71 => "insufficient_security",
        80 => "internal_error",
        86 => "inappropriate_fallback",
        90 => "user_canceled",
        100 => "no_renegotiation",
        109 => "missing_extension",
        110 => "unsupported_extension",
        112 => "unrecognized_name",
        _ => $"alert {Description}",
    };
}
