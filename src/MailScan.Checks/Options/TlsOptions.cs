namespace MailScan.Checks.Options;

/// <summary>How certificates are judged.</summary>
public sealed class TlsOptions
{
    /// <summary>PEM file of root certificates trusted in addition to the system store (the lab CA).</summary>
    public string? ExtraRootFile { get; set; }

    /// <summary>How much the TLS enumeration asks of a server: Verdict (fewest connections) or Full (every suite, like sslscan).</summary>
    public Tls.Enumeration.EnumerationMode Enumeration { get; set; } = Tls.Enumeration.EnumerationMode.Verdict;

    /// <summary>At most this many SMTP connections for the whole STARTTLS evaluation of one address.</summary>
    public int MaxConnectionsPerIp { get; set; } = 25;
}
