namespace MailScan.Tls.EarlyData;

/// <summary>
/// What the application protocol says inside the TLS 1.3 session of the session ticket test: a
/// request the server answers (so a server that issues no ticket is heard, not waited for) and
/// the goodbye once the ticket is read. The caller speaks the protocol (SMTP's EHLO and QUIT);
/// the TLS side only protects the bytes.
/// </summary>
public sealed record ApplicationLines(ReadOnlyMemory<byte> Request, ReadOnlyMemory<byte> Goodbye);
