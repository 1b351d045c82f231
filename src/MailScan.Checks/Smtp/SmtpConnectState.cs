namespace MailScan.Checks.Smtp;

/// <summary>How far an SMTP session with one address got.</summary>
public enum SmtpConnectState
{
    /// <summary>TCP connected, 220 greeting, EHLO (or HELO) answered.</summary>
    Greeted,
    /// <summary>The address actively refused the TCP connection (RST).</summary>
    Refused,
    /// <summary>No route or host unreachable.</summary>
    Unreachable,
    /// <summary>The TCP connection was not established in time.</summary>
    ConnectTimeout,
    /// <summary>TCP connected but no greeting (or no EHLO reply) came in time: a tarpit or a dead service.</summary>
    BannerTimeout,
    /// <summary>The server greeted with a 4xx code (e.g. 421: try later).</summary>
    TemporarilyRejected,
    /// <summary>The server greeted with a 5xx code (e.g. 554: no SMTP service here).</summary>
    Rejected,
    /// <summary>The server closed the connection or spoke something that is not SMTP.</summary>
    Dropped,
}
