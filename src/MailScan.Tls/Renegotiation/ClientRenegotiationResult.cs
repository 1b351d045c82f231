namespace MailScan.Tls.Renegotiation;

/// <summary>
/// Whether the server let the client renegotiate a completed TLS 1.2 session, and how often on one
/// connection: <see cref="Completed"/> renegotiations out of at most <see cref="Asked"/>;
/// <see cref="CutOff"/> when the server then refused or closed the connection. Allowed is null
/// when it could not be told.
/// </summary>
public sealed record ClientRenegotiationResult(bool? Allowed, string Detail)
{
    /// <summary>Renegotiations the server completed on the one connection.</summary>
    public int Completed { get; init; }

    /// <summary>The most renegotiations the test asks for.</summary>
    public int Asked { get; init; }

    /// <summary>After <see cref="Completed"/> renegotiations the server refused the next (alert, closed connection or silence).</summary>
    public bool CutOff { get; init; }
}
