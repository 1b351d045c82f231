namespace MailScan.Tls.Codec;

/// <summary>
/// What a server sent after our ClientHello until it stopped speaking in the clear: a ServerHello
/// (or HelloRetryRequest), for TLS ≤ 1.2 its certificate chain and key exchange, or an alert.
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
}
