namespace MailScan.Checks.Options;

/// <summary>How the scanner talks to mail servers, and how politely.</summary>
public sealed class SmtpOptions
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

    /// <summary>At most this many concurrent connections to one IP address.</summary>
    public int MaxConnectionsPerIp { get; set; } = 1;

    /// <summary>At least this long between two connections to one IP address.</summary>
    public TimeSpan MinConnectionSpacing { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>At most this many new SMTP connections per second in all (0: no global limit); with Redis, for the whole cluster together.</summary>
    public double MaxConnectionsPerSecond { get; set; } = 50;

    /// <summary>After a 4xx greeting or a connect timeout, try again this many times ...</summary>
    public int TemporaryFailureRetries { get; set; } = 1;

    /// <summary>... waiting this long before the first retry (doubled for each further one).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long the evaluation of one address may go on once the server has shown itself strict (a
    /// 421, a refused connection after others succeeded, slow greetings): it waits and resumes within
    /// this time instead of giving up after one retry. Zero keeps the single retry (Internet.nl's way).
    /// </summary>
    public TimeSpan StrictServerBudget { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The longest spacing learnt for an address that puts clients off, and the longest wait before a retry.</summary>
    public TimeSpan MaxLearnedSpacing { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an address's learnt spacing is kept after it was last used (a batch's length).</summary>
    public TimeSpan LearnedSpacingLifetime { get; set; } = TimeSpan.FromHours(12);
}
