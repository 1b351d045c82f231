namespace MailScan.Checks.StartTls;

/// <summary>The TLS session a standard client (.NET's TLS through MailKit) got after STARTTLS, or why it failed.</summary>
public sealed record StartTlsHandshake(bool Established, string? Protocol, string? CipherSuite, string? Error);
