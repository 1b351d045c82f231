using System.Net;
using System.Net.Sockets;

namespace MailScan.Checks.Policy.Spf;

/// <summary>Address and name comparisons of SPF mechanisms.</summary>
public static class SpfAddressMatch
{
    /// <summary>Whether <paramref name="address"/> lies in network/prefix; different families never match.</summary>
    public static bool InPrefix(IPAddress address, IPAddress network, int prefix)
    {
        if (address.AddressFamily != network.AddressFamily)
            return false;
        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        var full = prefix / 8;
        for (var i = 0; i < full; i++)
        {
            if (a[i] != n[i])
                return false;
        }
        var rest = prefix % 8;
        if (rest == 0)
            return true;
        var mask = (byte)(0xFF << (8 - rest));
        return (a[full] & mask) == (n[full] & mask);
    }

    /// <summary>The prefix length of a mechanism that applies to the client's family.</summary>
    public static int PrefixFor(SpfMechanism mechanism, IPAddress client) =>
        client.AddressFamily == AddressFamily.InterNetworkV6 ? mechanism.Ip6Prefix : mechanism.Ip4Prefix;

    /// <summary>
    /// Whether a name can be asked of DNS at all: 1-63 octet labels, at most 253 octets, at least
    /// two labels, not a domain literal. Anything else is treated as a name that does not exist.
    /// </summary>
    public static bool IsQueryableName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.StartsWith('['))
            return false;
        if (name.EndsWith('.'))
            name = name[..^1];
        if (name.Length is 0 or > 253)
            return false;
        var labels = name.Split('.');
        return labels.Length >= 2 && labels.All(l => l.Length is >= 1 and <= 63);
    }

    /// <summary>Whether <paramref name="name"/> is <paramref name="domain"/> or below it (case-insensitive, trailing dots ignored).</summary>
    public static bool IsAtOrBelow(string name, string domain)
    {
        name = name.TrimEnd('.');
        domain = domain.TrimEnd('.');
        return name.Equals(domain, StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase);
    }
}
