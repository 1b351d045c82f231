using MailScan.Politeness;

namespace MailScan.Checks.Options;

/// <summary>How the scanner talks to mail servers, and how politely (the connection gate's settings, which it extends).</summary>
public sealed class SmtpOptions : ConnectionGateOptions
{
    /// <summary>The SMTP port of mail servers (25; the lab may use another).</summary>
    public int Port { get; set; } = 25;

    /// <summary>The name sent with EHLO; empty means this machine's host name.</summary>
    public string? EhloName { get; set; }

    /// <summary>Time to establish the TCP connection.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time to wait for the 220 greeting; postscreen-style delays reach ~6 s.</summary>
    public TimeSpan BannerTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time to wait for the reply to one SMTP command.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>After a 4xx greeting or a connect timeout, try again this many times, the first after RetryDelay.</summary>
    public int TemporaryFailureRetries { get; set; } = 1;

    /// <summary>
    /// How long the evaluation of one address may go on once the server has shown itself strict (a
    /// 421, a refused connection after others succeeded, slow greetings): it waits and resumes within
    /// this time instead of giving up after one retry. Zero keeps the single retry (Internet.nl's way).
    /// </summary>
    public TimeSpan StrictServerBudget { get; set; } = TimeSpan.FromMinutes(2);
}
