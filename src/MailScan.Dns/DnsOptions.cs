namespace MailScan.Dns;

/// <summary>How the scanner talks to DNS.</summary>
public sealed class DnsOptions
{
    /// <summary>Recursive resolvers as HOST[:PORT]; empty means the system's resolvers.</summary>
    public List<string> Resolvers { get; set; } = [];

    /// <summary>DNSKEY or DS records in zone-file format; empty means the IANA root anchors.</summary>
    public string? TrustAnchorFile { get; set; }

    /// <summary>Time for one DNS query attempt.</summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Further attempts after a timeout.</summary>
    public int Retries { get; set; } = 1;

    /// <summary>EDNS(0) UDP payload size advertised (1232: the DNS Flag Day 2020 value).</summary>
    public int EdnsBufferSize { get; set; } = 1232;

    /// <summary>DNS answers are cached for their TTL, but never longer than this.</summary>
    public TimeSpan CacheMaxTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The in-memory cache (DNS answers, DNSSEC verdicts, host evidence) holds at most this many
    /// entries; when full, the least recently used are dropped first, so memory does not grow with the scan.
    /// </summary>
    public int CacheMaxEntries { get; set; } = 100_000;

    /// <summary>
    /// Questions to the resolvers outstanding at once, over all of this process's work: a resolver
    /// drops questions past its request list (Unbound: num-queries-per-thread, 1024 by default, its
    /// own follow-up queries included), which a scan would see as timeouts; past this cap they wait here.
    /// </summary>
    public int MaxQueriesInFlight { get; set; } = 64;

    /// <summary>Time for validating one answer, all its queries included.</summary>
    public TimeSpan ValidationTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>At most this many queries for validating one answer (the chain of trust included).</summary>
    public int ValidationMaxQueries { get; set; } = 40;

    /// <summary>At most this many mail servers (MX names) of a domain are tested.</summary>
    public int MaxMailServers { get; set; } = 10;

    /// <summary>At most this many name servers of a zone are tested.</summary>
    public int MaxNameServers { get; set; } = 10;

    /// <summary>
    /// At most this many IPv4 and this many IPv6 addresses of one host are tested: real mail and
    /// name servers have a few, a hostile zone can answer thousands (one 64 KiB answer holds 4 000).
    /// </summary>
    public int MaxAddressesPerHost { get; set; } = 16;
}
