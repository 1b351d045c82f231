namespace MailScan.LabServers;

/// <summary>How a lab server misbehaves.</summary>
public enum Behaviour
{
    /// <summary>Accepts the connection and greets only after 20 seconds.</summary>
    Tarpit,
    /// <summary>Greets with 421 (try later) and closes.</summary>
    Reject421,
    /// <summary>Offers STARTTLS, says 220 to it, then answers the ClientHello with bytes that are not TLS.</summary>
    BrokenTls,
}
