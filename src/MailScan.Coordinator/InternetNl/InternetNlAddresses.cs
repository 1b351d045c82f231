using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Coordinator.InternetNl;

/// <summary>
/// Addresses in the technical results: <c>{address, reachable, routing}</c>, with the route
/// origins our RPKI sub-tests found (<c>routing</c>: origin, announced prefix, validity), and
/// <c>reachable</c> only where a probe measured it. Pure.
/// </summary>
public static class InternetNlAddresses
{
    /// <summary>
    /// Name servers by name, each with its IPv4 and IPv6 addresses: those of <paramref name="hosts"/>,
    /// and those the RPKI details name (the only record of the mail servers' zones' name servers).
    /// </summary>
    public static JsonObject NameServers(IEnumerable<V1.Host> hosts, JsonNode? rpki, JsonNode? ipv6Reach)
    {
        var known = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var host in hosts)
            Add(known, host.Name, host.Ipv4.Concat(host.Ipv6));
        foreach (var entry in Entries(rpki?["addresses"]))
            Add(known, (string?)entry["host"], [(string?)entry["address"]]);
        var reached = Entries(ipv6Reach?["addresses"])
            .ToDictionary(a => (string?)a["address"] ?? string.Empty, a => ((string?)a["result"])?.StartsWith("answers", StringComparison.Ordinal) == true, StringComparer.Ordinal);

        var servers = new JsonObject();
        foreach (var (name, addresses) in known.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            var ipv4 = addresses.Where(a => Family(a) == AddressFamily.InterNetwork).Select(a => Address(a, rpki, null));
            var ipv6 = addresses.Where(a => Family(a) == AddressFamily.InterNetworkV6).Select(a => Address(a, rpki, reached.TryGetValue(a, out var r) ? r : null));
            servers[name] = new JsonObject
            {
                ["ipv4"] = new JsonObject { ["addresses"] = new JsonArray([.. ipv4]) },
                ["ipv6"] = new JsonObject { ["addresses"] = new JsonArray([.. ipv6]) },
            };
        }
        return servers;
    }

    /// <summary>One address with its route origins from <paramref name="rpki"/>, and whether it was reached when that was measured.</summary>
    public static JsonObject Address(string address, JsonNode? rpki, bool? reachable)
    {
        var node = new JsonObject { ["address"] = address };
        if (reachable is { } r)
            node["reachable"] = r;
        var routing = new JsonArray();
        foreach (var entry in Entries(rpki?["addresses"]).Where(e => (string?)e["address"] == address).Take(1))
        {
            foreach (var validity in Entries(entry["validity"]))
                routing.Add(new JsonObject { ["origin"] = (string?)validity["origin"], ["route"] = (string?)entry["prefix"], ["rov_state"] = (string?)validity["state"] });
        }
        node["routing"] = routing;
        return node;
    }

    internal static IEnumerable<JsonObject> Entries(JsonNode? list) => (list as JsonArray ?? []).OfType<JsonObject>();

    private static void Add(Dictionary<string, SortedSet<string>> known, string? host, IEnumerable<string?> addresses)
    {
        if (string.IsNullOrEmpty(host))
            return;
        if (!known.TryGetValue(host, out var set))
            known[host] = set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var address in addresses.OfType<string>().Where(a => Family(a) is not null))
            set.Add(address);
    }

    private static AddressFamily? Family(string address) => IPAddress.TryParse(address, out var ip) ? ip.AddressFamily : null;
}
