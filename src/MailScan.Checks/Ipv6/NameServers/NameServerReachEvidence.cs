using MailScan.Dns;

namespace MailScan.Checks.Ipv6.NameServers;

/// <summary>Whether a name server address answered a DNS query over UDP and over TCP.</summary>
public sealed record NameServerReachEvidence(
    string Address,
    string Question,
    string UdpStatus,
    string TcpStatus,
    double UdpMilliseconds,
    double TcpMilliseconds)
{
    /// <summary>A DNS response (any RCODE) came back over UDP.</summary>
    public bool UdpAnswered => IsResponse(UdpStatus);

    /// <summary>A DNS response (any RCODE) came back over TCP.</summary>
    public bool TcpAnswered => IsResponse(TcpStatus);

    private static bool IsResponse(string status) => DnsStatus.IsResponse(status);
}
