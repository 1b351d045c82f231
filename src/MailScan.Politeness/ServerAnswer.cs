namespace MailScan.Politeness;

/// <summary>How a mail server took one connection, as far as its limits go.</summary>
public enum ServerAnswer
{
    /// <summary>It greeted with 220: the connection was within its limits.</summary>
    Accepted,

    /// <summary>It put the client off: a 421 (or other 4xx) greeting, or a refused or timed-out connection after it had accepted others.</summary>
    PutOff,
}
