using MailScan.Checks.Smtp;

namespace MailScan.Checks.StartTls;

/// <summary>What the standard-client session showed: SMTP state, greeting, STARTTLS, TLS session and presented chain.</summary>
internal sealed record StandardSessionResult(
    SmtpConnectState State,
    int? GreetingCode,
    string? Greeting,
    bool StartTlsOffered,
    StartTlsHandshake? Handshake,
    IReadOnlyList<byte[]> Chain,
    string? Error);
