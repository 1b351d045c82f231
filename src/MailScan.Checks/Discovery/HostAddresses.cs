using MailScan.Dns;

namespace MailScan.Checks.Discovery;

/// <summary>A mail or name server with the addresses DNS gave for it.</summary>
public sealed record HostAddresses(
    string Name,
    int Preference,
    IReadOnlyList<string> Ipv4,
    IReadOnlyList<string> Ipv6,
    string AStatus,
    string AaaaStatus)
{
    /// <summary>AAAA records that were IPv4-mapped (::ffff:a.b.c.d) and therefore not counted as IPv6.</summary>
    public IReadOnlyList<string> IgnoredIpv6 { get; init; } = [];

    /// <summary>Whether the host has at least one usable IPv6 address.</summary>
    public bool HasIpv6 => Ipv6.Count > 0;

    /// <summary>Whether the AAAA lookup gave a conclusive answer (NOERROR or NXDOMAIN).</summary>
    public bool AaaaConclusive => DnsStatus.IsConclusive(AaaaStatus);
}
