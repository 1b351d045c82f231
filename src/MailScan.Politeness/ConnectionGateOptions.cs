namespace MailScan.Politeness;

/// <summary>
/// How often the scanner may connect to mail server addresses: the settings a connection gate
/// reads. They are read under Smtp (<c>SmtpOptions</c> extends this class), so the keys are those
/// of the SMTP settings.
/// </summary>
public class ConnectionGateOptions
{
    /// <summary>At most this many concurrent connections to one IP address.</summary>
    public int MaxConnectionsPerIp { get; set; } = 1;

    /// <summary>At least this long between two connections to one IP address.</summary>
    public TimeSpan MinConnectionSpacing { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>At most this many new SMTP connections per second in all (0: no global limit); with Redis, for the whole cluster together.</summary>
    public double MaxConnectionsPerSecond { get; set; } = 50;

    /// <summary>After a 4xx greeting or a connect timeout, wait this long before the first retry (doubled for each further one).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest spacing learnt for an address that puts clients off, and the longest wait before a retry.</summary>
    public TimeSpan MaxLearnedSpacing { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an address's learnt spacing is kept after it was last used (a batch's length).</summary>
    public TimeSpan LearnedSpacingLifetime { get; set; } = TimeSpan.FromHours(12);
}
