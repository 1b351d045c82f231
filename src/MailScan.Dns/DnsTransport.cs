namespace MailScan.Dns;

/// <summary>The transport of a direct query to a named server.</summary>
public enum DnsTransport
{
    /// <summary>UDP, falling back to TCP when the answer is truncated.</summary>
    Udp,
    /// <summary>TCP only.</summary>
    Tcp,
}
