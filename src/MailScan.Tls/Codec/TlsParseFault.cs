namespace MailScan.Tls.Codec;

/// <summary>What is wrong with bytes a server sent, so callers branch on a kind rather than on a reason's words.</summary>
public enum TlsParseFault
{
    /// <summary>A field or message holds values TLS does not allow, or lengths that disagree.</summary>
    Malformed,

    /// <summary>The bytes end before the flight does: not wrong yet, read more.</summary>
    EndsEarly,

    /// <summary>The bytes are not SSL 3 / TLS (or SSL 2.0) records at all: an SMTP reply, garbage.</summary>
    NotTls,

    /// <summary>A record or flight beyond what TLS or the codec allows.</summary>
    TooLarge,

    /// <summary>A message or record where the handshake does not allow it (before the ServerHello, a second ServerHello).</summary>
    OutOfOrder,
}
