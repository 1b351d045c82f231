namespace MailScan.Checks.Smtp;

/// <summary>What one SMTP session with a mail server address showed.</summary>
public sealed record SmtpEvidence(
    string Address,
    int Port,
    SmtpConnectState State,
    int? GreetingCode,
    string? Greeting,
    bool StartTlsOffered,
    IReadOnlyList<string> Extensions,
    double ConnectMilliseconds,
    double TotalMilliseconds,
    string? Error = null)
{
    /// <summary>The server spoke SMTP on the address (a greeting of any code was received).</summary>
    public bool AnsweredSmtp => GreetingCode is not null;
}
