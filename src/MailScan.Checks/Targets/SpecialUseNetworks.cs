using System.Net;

namespace MailScan.Checks.Targets;

/// <summary>
/// Address blocks that a public scanner must not contact unless told to: the IANA IPv4 and IPv6
/// special-purpose registries (RFC 6890 and later), plus everything outside IPv6 global unicast.
/// </summary>
public static class SpecialUseNetworks
{
    /// <summary>Each block with the name an operator recognises.</summary>
    public static IReadOnlyList<(IPNetwork Network, string Name)> All { get; } =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "this network (RFC 791)"),
        (IPNetwork.Parse("10.0.0.0/8"), "private (RFC 1918)"),
        (IPNetwork.Parse("100.64.0.0/10"), "shared address space / CGNAT (RFC 6598)"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback (RFC 1122)"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local (RFC 3927)"),
        (IPNetwork.Parse("172.16.0.0/12"), "private (RFC 1918)"),
        (IPNetwork.Parse("192.0.0.0/24"), "IETF protocol assignments (RFC 6890)"),
        (IPNetwork.Parse("192.0.2.0/24"), "documentation TEST-NET-1 (RFC 5737)"),
        (IPNetwork.Parse("192.31.196.0/24"), "AS112-v4 (RFC 7535)"),
        (IPNetwork.Parse("192.52.193.0/24"), "AMT (RFC 7450)"),
        (IPNetwork.Parse("192.88.99.0/24"), "6to4 relay anycast (RFC 7526)"),
        (IPNetwork.Parse("192.168.0.0/16"), "private (RFC 1918)"),
        (IPNetwork.Parse("192.175.48.0/24"), "direct delegation AS112 (RFC 7534)"),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking (RFC 2544)"),
        (IPNetwork.Parse("198.51.100.0/24"), "documentation TEST-NET-2 (RFC 5737)"),
        (IPNetwork.Parse("203.0.113.0/24"), "documentation TEST-NET-3 (RFC 5737)"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast (RFC 5771)"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved (RFC 1112)"),
        (IPNetwork.Parse("::/128"), "unspecified (RFC 4291)"),
        (IPNetwork.Parse("::1/128"), "loopback (RFC 4291)"),
        (IPNetwork.Parse("::ffff:0:0/96"), "IPv4-mapped (RFC 4291)"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "local-use IPv4/IPv6 translation (RFC 8215)"),
        (IPNetwork.Parse("100::/64"), "discard-only (RFC 6666)"),
        (IPNetwork.Parse("2001::/32"), "Teredo (RFC 4380)"),
        (IPNetwork.Parse("2001:2::/48"), "benchmarking (RFC 5180)"),
        (IPNetwork.Parse("2001:10::/28"), "deprecated ORCHID (RFC 4843)"),
        (IPNetwork.Parse("2001:db8::/32"), "documentation (RFC 3849)"),
        (IPNetwork.Parse("2002::/16"), "6to4 (RFC 3056)"),
        (IPNetwork.Parse("3fff::/20"), "documentation (RFC 9637)"),
        (IPNetwork.Parse("5f00::/16"), "segment routing SIDs (RFC 9602)"),
        (IPNetwork.Parse("fc00::/7"), "unique local (RFC 4193)"),
        (IPNetwork.Parse("fe80::/10"), "link-local (RFC 4291)"),
        (IPNetwork.Parse("fec0::/10"), "site-local, deprecated (RFC 3879)"),
        (IPNetwork.Parse("ff00::/8"), "multicast (RFC 4291)"),
    ];

    private static readonly IPNetwork GlobalUnicastV6 = IPNetwork.Parse("2000::/3");

    /// <summary>The special-use block an address is in, or null for a public address.</summary>
    public static string? Classify(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            return "IPv4-mapped (RFC 4291)";
        foreach (var (network, name) in All)
        {
            if (network.Contains(address))
                return name;
        }
        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !GlobalUnicastV6.Contains(address))
            return "outside IPv6 global unicast (RFC 4291)";
        return null;
    }
}
