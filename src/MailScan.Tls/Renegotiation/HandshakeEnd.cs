namespace MailScan.Tls.Renegotiation;

/// <summary>How a handshake of the renegotiation test ended.</summary>
internal enum HandshakeEnd
{
    /// <summary>Both Finished messages exchanged and verified.</summary>
    Completed,
    /// <summary>The server said no: an alert, a closed connection, or silence.</summary>
    Refused,
    /// <summary>The server chose a version, suite or group this client cannot complete.</summary>
    Unsupported,
    /// <summary>Something this client cannot read: bytes that do not decrypt, an unexpected record.</summary>
    Broken,
}
