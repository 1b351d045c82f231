using System.Net;
using System.Net.Sockets;
using System.Text;
using DnsClient;
using DnsClient.Protocol;
using MailScan.Dns;

namespace MailScan.Rpki;

/// <summary>
/// Route origins from the Team Cymru DNS service, through our own resolver and its cache:
/// TXT at the reversed address under origin.asn.cymru.com (IPv4) or origin6.asn.cymru.com
/// (IPv6, nibbles). NXDOMAIN or no TXT means not announced; SERVFAIL, a timeout or garbage
/// means the source is unavailable.
/// </summary>
public sealed class TeamCymruOriginSource(IDnsResolver dns) : IRouteOriginSource
{
    public const string Ipv4Zone = "origin.asn.cymru.com";
    public const string Ipv6Zone = "origin6.asn.cymru.com";

    public async Task<RouteLookup> FindAsync(IPAddress address, CancellationToken cancellationToken)
    {
        var name = QueryName(address);
        var source = $"team-cymru {name}";
        var answer = await dns.QueryAsync(name, QueryType.TXT, cancellationToken).ConfigureAwait(false);
        if (answer.IsNxDomain)
            return new RouteLookup(source, RouteLookupStatus.NotAnnounced, null, "NXDOMAIN");
        if (!answer.IsNoError)
            return RouteLookup.Unavailable(source, $"the Team Cymru lookup failed: {answer.Status}{(answer.Error is null ? "" : $" ({answer.Error})")}");

        var texts = answer.Records<TxtRecord>().Select(r => string.Concat(r.Text)).ToList();
        if (texts.Count == 0)
            return new RouteLookup(source, RouteLookupStatus.NotAnnounced, null, "no TXT record");
        var host = IpPrefix.Host(address);
        AnnouncedRoute? best = null;
        foreach (var text in texts)
        {
            var parsed = TeamCymruAnswerParser.Parse(text);
            if (!parsed.IsValid)
                return RouteLookup.Unavailable(source, $"the Team Cymru answer '{text}' is not understood: {parsed.Error}");
            var route = parsed.Value!;
            if (!route.Prefix.Covers(host))
                return RouteLookup.Unavailable(source, $"the Team Cymru answer '{text}' names a prefix that does not hold {address}");
            if (best is null || route.Prefix.Length > best.Prefix.Length)
                best = route;
            else if (route.Prefix == best.Prefix)
                best = best with { Origins = [.. best.Origins.Union(route.Origins)] };
        }
        return new RouteLookup(source, RouteLookupStatus.Announced, best, string.Join(" / ", texts));
    }

    /// <summary>The TXT name for an address: 1.2.0.192.origin.asn.cymru.com, or 32 reversed nibbles under origin6.</summary>
    public static string QueryName(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        var bytes = address.GetAddressBytes();
        var name = new StringBuilder(80);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            for (var i = bytes.Length - 1; i >= 0; i--)
                name.Append(bytes[i]).Append('.');
            return name.Append(Ipv4Zone).ToString();
        }
        for (var i = bytes.Length - 1; i >= 0; i--)
            name.Append("0123456789abcdef"[bytes[i] & 0xF]).Append('.').Append("0123456789abcdef"[bytes[i] >> 4]).Append('.');
        return name.Append(Ipv6Zone).ToString();
    }
}
