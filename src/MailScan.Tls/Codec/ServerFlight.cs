namespace MailScan.Tls.Codec;

/// <summary>
/// What a server sent after our ClientHello until it stopped speaking in the clear: a ServerHello
/// (or HelloRetryRequest), for TLS ≤ 1.2 its certificate chain and key exchange, or an alert; to an SSL 2.0 hello, an SSL 2.0
/// SERVER-HELLO or ERROR.
/// </summary>
public sealed record ServerFlight(
    ServerHello? Hello,
    IReadOnlyList<byte[]> Certificates,
    ServerKeyExchange? KeyExchange,
    TlsAlert? Alert,
    bool Complete)
{
    /// <summary>The server accepted the hello (chose a version and suite).</summary>
    public bool Accepted => Hello is not null;

    /// <summary>The server's SSL 2.0 SERVER-HELLO, when it answered an SSL 2.0 hello in kind.</summary>
    public Ssl2ServerHello? Ssl2Hello { get; init; }

    /// <summary>The server's SSL 2.0 ERROR message, when it turned an SSL 2.0 hello down in SSL 2.0.</summary>
    public Ssl2Error? Ssl2Error { get; init; }
}
