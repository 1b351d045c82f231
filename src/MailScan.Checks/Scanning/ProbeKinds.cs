namespace MailScan.Checks.Scanning;

/// <summary>The kinds of probe, each with its own queue in the cluster.</summary>
public static class ProbeKinds
{
    /// <summary>MX, NS and their addresses for a domain.</summary>
    public const string MailServers = "dns.servers";

    /// <summary>A name server address answering DNS over UDP and TCP.</summary>
    public const string NameServerReach = "ns.reach";

    /// <summary>An SMTP session with a mail server address.</summary>
    public const string Smtp = "smtp";

    /// <summary>The domain-level lookups of the authenticity marks: SPF walk, DMARC, DKIM node, TLS-RPT.</summary>
    public const string Auth = "dns.auth";

    /// <summary>The MTA-STS record and the policy fetched over HTTPS from mta-sts.&lt;domain&gt;.</summary>
    public const string MtaSts = "https.mta-sts";

    /// <summary>The DNSSEC status of a name (the mail domain or an MX host), validated in process.</summary>
    public const string Dnssec = "dns.dnssec";

    /// <summary>The announced route of an IP address and its RPKI route origin validity.</summary>
    public const string RouteOrigin = "rpki.origin";

    /// <summary>The STARTTLS and TLS evaluation of a mail server address (session, enumeration, chain).</summary>
    public const string StartTls = "smtp.tls";

    /// <summary>The TLSA records of an MX name (_25._tcp.NAME) with their DNSSEC status.</summary>
    public const string Tlsa = "dns.tlsa";

    /// <summary>The CAA record set that applies to an MX name (RFC 8659 climbing).</summary>
    public const string Caa = "dns.caa";

    /// <summary>The queue family a kind belongs to: dns, ns, smtp, https, rpki.</summary>
    public static string Family(string kind)
    {
        var dot = kind.IndexOf('.');
        return dot < 0 ? kind : kind[..dot];
    }
}
