using MailScan.Tls.Codec;

namespace MailScan.Tls.Renegotiation;

/// <summary>How one full TLS 1.2 handshake of the renegotiation test ended; the verify data of both Finished messages when it completed.</summary>
internal sealed record HandshakeOutcome(HandshakeEnd End, string Detail, byte[] ClientVerify, byte[] ServerVerify)
{
    public static HandshakeOutcome Completed(byte[] clientVerify, byte[] serverVerify) =>
        new(HandshakeEnd.Completed, "completed", clientVerify, serverVerify);

    public static HandshakeOutcome Ended(HandshakeEnd end, string detail) => new(end, detail, [], []);

    /// <summary>The server refused with an alert.</summary>
    public static HandshakeOutcome Alerted(TlsAlert alert) => new(HandshakeEnd.Refused, $"alert {alert.Name}", [], []) { Alert = alert };

    /// <summary>The alert the server refused with; null when it refused otherwise or did not refuse.</summary>
    public TlsAlert? Alert { get; init; }
}
