using System.Net;
using DnsClient;
using Microsoft.Extensions.Options;

namespace MailScan.Dns;

/// <summary>The recursive resolvers in use: the configured ones, else the system's.</summary>
public sealed class ResolverSet
{
    public ResolverSet(IOptions<DnsOptions> options)
        : this(options.Value.Resolvers)
    {
    }

    public ResolverSet(IEnumerable<string> configured)
    {
        var servers = new List<NameServer>();
        foreach (var text in configured)
        {
            var (endpoint, error) = ResolverEndpoint.Parse(text);
            if (endpoint is null)
                throw new ArgumentException(error!.ToString(), nameof(configured));
            foreach (var address in Addresses(endpoint.Host))
                servers.Add(new NameServer(address, endpoint.Port));
        }
        if (servers.Count == 0)
        {
            servers.AddRange(NameServer.ResolveNameServers(skipIPv6SiteLocal: true, fallbackToGooglePublicDns: false));
            IsSystem = true;
        }
        NameServers = servers;
        Scope = ScopeOf(servers);
    }

    /// <summary>The servers, in the order they are asked.</summary>
    public IReadOnlyList<NameServer> NameServers { get; }

    /// <summary>True when no resolver was configured and the system's are used.</summary>
    public bool IsSystem { get; }

    /// <summary>
    /// A short stable name for this list of servers (the same in every process), for cache keys:
    /// answers from different resolvers are kept apart, also in a cache shared across workers.
    /// </summary>
    public string Scope { get; }

    public override string ToString() =>
        NameServers.Count == 0 ? "(none)" : string.Join(", ", NameServers.Select(s => s.ToString()));

    private static string ScopeOf(IReadOnlyList<NameServer> servers)
    {
        var text = string.Join(",", servers.Select(s => new IPEndPoint(IPAddress.Parse(s.Address), s.Port).ToString()));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)).AsSpan(0, 8));
    }

    private static IEnumerable<IPAddress> Addresses(string host)
    {
        if (IPAddress.TryParse(host, out var address))
            return [address];
        try
        {
            return System.Net.Dns.GetHostAddresses(host);
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            throw new ArgumentException($"resolver host '{host}' could not be resolved: {ex.Message}", nameof(host), ex);
        }
    }
}
