using DnsClient;
using DnsClient.Protocol;
using MailScan.Dns.Wire;

namespace MailScan.Dns;

/// <summary>The result of one DNS question: how it ended, the response code and the records.</summary>
public sealed record DnsAnswer(
    string Name,
    QueryType Type,
    DnsOutcome Outcome,
    string Rcode,
    IReadOnlyList<DnsResourceRecord> Answers,
    IReadOnlyList<DnsResourceRecord> Authorities,
    bool AuthenticData,
    string Server,
    TimeSpan Elapsed,
    string? Error = null)
{
    /// <summary>The response as read off the wire, RDATA kept (what the DNSSEC validator checks); null when none arrived.</summary>
    public DnsMessage? Message { get; init; }

    /// <summary>The answer came from the cache.</summary>
    public bool FromCache { get; init; }

    /// <summary>A response arrived with NOERROR.</summary>
    public bool IsNoError => Outcome == DnsOutcome.Answered && Rcode == DnsStatus.NoError;

    /// <summary>The name does not exist (RFC 8020: nor anything below it).</summary>
    public bool IsNxDomain => Outcome == DnsOutcome.Answered && Rcode == DnsStatus.NxDomain;

    /// <summary>NOERROR or NXDOMAIN: an authoritative statement about the name.</summary>
    public bool IsConclusive => IsNoError || IsNxDomain;

    /// <summary>The answer records of one type (CNAMEs followed by the resolver are skipped).</summary>
    public IEnumerable<T> Records<T>() where T : DnsResourceRecord => Answers.OfType<T>();

    /// <summary>The status in one word for evidence: NOERROR, NXDOMAIN, SERVFAIL, ..., TIMEOUT, NETWORK_ERROR.</summary>
    public string Status => Outcome switch
    {
        DnsOutcome.Answered => Rcode,
        DnsOutcome.Timeout => DnsStatus.Timeout,
        DnsOutcome.NetworkError => DnsStatus.NetworkError,
        _ => DnsStatus.Malformed,
    };
}
