using DnsClient;
using MailScan.Checks.Discovery;
using MailScan.Checks.Options;

namespace MailScan.Checks.Tests.Discovery;

/// <summary>Discovery finds the zone of every MX name and that zone's name servers (for RPKI), reusing what it already knows.</summary>
public sealed class MailServerZonesTests
{
    private static readonly string[] Records =
    [
        "example.nl MX 10 mx.example.nl.",
        "example.nl MX 20 mx1.hoster.net.",
        "example.nl MX 30 mx2.hoster.net.",
        "example.nl NS ns1.example.nl.",
        "ns1.example.nl A 192.0.2.53",
        "mx.example.nl A 192.0.2.25",
        "hoster.net NS ns.hoster.net.",
        "ns.hoster.net A 198.51.100.53",
        "ns.hoster.net AAAA 2001:db8::53",
        "mx1.hoster.net A 198.51.100.25",
        "mx2.hoster.net A 198.51.100.26",
    ];

    private static Task<MailServerEvidence> DiscoverAsync(TableResolver dns) =>
        new MailServersProbe(dns, Microsoft.Extensions.Options.Options.Create(new MailScanOptions())).DiscoverAsync("example.nl", CancellationToken.None);

    [Fact]
    public async Task Each_zone_of_the_mx_names_comes_once_with_its_name_servers()
    {
        var dns = new TableResolver(Records);
        var servers = await DiscoverAsync(dns);

        Assert.Equal(["example.nl", "hoster.net"], servers.MailServerZones.Select(z => z.Zone));
        var own = servers.MailServerZones[0];
        Assert.Equal(["mx.example.nl"], own.MailServers);
        Assert.Same(servers.NameServers, own.NameServers);
        var hoster = servers.MailServerZones[1];
        Assert.Equal(["mx1.hoster.net", "mx2.hoster.net"], hoster.MailServers);
        var ns = Assert.Single(hoster.NameServers);
        Assert.Equal(("ns.hoster.net", "198.51.100.53", "2001:db8::53"), (ns.Name, ns.Ipv4[0], ns.Ipv6[0]));
        // The domain's own name server is not looked up a second time.
        Assert.Single(dns.Asked, q => q == ("ns1.example.nl", QueryType.A));
        Assert.Single(dns.Asked, q => q == ("ns.hoster.net", QueryType.A));
    }

    [Fact]
    public async Task An_mx_zone_whose_ns_lookup_fails_is_kept_with_the_status()
    {
        var dns = new TableResolver(Records).Failing("mx1.hoster.net", QueryType.NS, "SERVFAIL").Failing("mx2.hoster.net", QueryType.NS, "SERVFAIL");
        var servers = await DiscoverAsync(dns);
        var failed = servers.MailServerZones.Where(z => z.Unknown).ToList();
        Assert.Equal(2, failed.Count);
        Assert.All(failed, z => Assert.Equal(("SERVFAIL", (string?)null), (z.Status, z.Zone)));
        Assert.Equal(["mx1.hoster.net", "mx2.hoster.net"], failed.SelectMany(z => z.MailServers));
    }

    [Fact]
    public async Task Addresses_come_in_numeric_order_whatever_order_the_resolver_gives()
    {
        var dns = new TableResolver([.. Records, "mx.example.nl A 192.0.2.9", "mx.example.nl A 192.0.2.10", "mx.example.nl AAAA 2001:db8::10", "mx.example.nl AAAA 2001:db8::9"]);
        var servers = await DiscoverAsync(dns);
        var mx = servers.MailServers.Single(h => h.Name == "mx.example.nl");
        Assert.Equal(["192.0.2.9", "192.0.2.10", "192.0.2.25"], mx.Ipv4);
        Assert.Equal(["2001:db8::9", "2001:db8::10"], mx.Ipv6);
    }
}
