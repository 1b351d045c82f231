namespace MailScan.Checks.Tls.Renegotiation;

/// <summary>Whether the server let the client renegotiate a completed TLS 1.2 session; null Allowed when it could not be told.</summary>
public sealed record ClientRenegotiationResult(bool? Allowed, string Detail);
