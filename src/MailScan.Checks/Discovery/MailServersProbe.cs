using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DnsClient;
using DnsClient.Protocol;
using MailScan.Checks.Options;
using MailScan.Checks.Scanning;
using MailScan.Dns;
using Microsoft.Extensions.Options;

namespace MailScan.Checks.Discovery;

/// <summary>Finds a domain's MX hosts (with null MX), the NS of its zone, and all their addresses.</summary>
public sealed class MailServersProbe(IDnsResolver dns, IOptions<MailScanOptions> options) : IProbe
{
    private readonly DnsOptions _options = options.Value.Dns;

    /// <summary>The kind this probe serves, by which checks plan it.</summary>
    public const string Name = "dns.servers";

    /// <summary>What this probe declares to the catalogue (<see cref="ProbeCatalog"/>).</summary>
    public static ProbeKind Declaration { get; } = new(Name, PerHost: false, "MX, NS and their addresses for a domain.");

    public string Kind => Name;

    public async Task<ProbeResult> RunAsync(ProbeRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var evidence = await DiscoverAsync(request.Key.Target, cancellationToken).ConfigureAwait(false);
        return ProbeResult.Completed(request.Key, evidence, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Runs the MX and NS lookups and the address lookups of every host found.</summary>
    public async Task<MailServerEvidence> DiscoverAsync(string domain, CancellationToken cancellationToken)
    {
        var mxTask = dns.QueryAsync(domain, QueryType.MX, cancellationToken);
        var nsTask = FindNameServersAsync(domain, cancellationToken);
        var mx = await mxTask.ConfigureAwait(false);

        var records = mx.IsNoError ? mx.Records<MxRecord>().ToList() : [];
        var nullMx = records.Any(r => IsRoot(r.Exchange));
        var skipped = new List<string>();
        var candidates = new List<(string Name, int Preference)>();
        foreach (var record in records.Where(r => !IsRoot(r.Exchange)).OrderBy(r => r.Preference).ThenBy(r => Host(r.Exchange), StringComparer.Ordinal))
        {
            var name = Host(record.Exchange);
            if (name is "localhost" || name.EndsWith(".localhost", StringComparison.Ordinal))
                skipped.Add(name);
            else if (candidates.Any(c => c.Name == name))
                continue;
            else if (candidates.Count >= _options.MaxMailServers)
                skipped.Add(name);
            else
                candidates.Add((name, record.Preference));
        }

        var mailServers = await Task.WhenAll(candidates.Select(c => AddressesAsync(c.Name, c.Preference, cancellationToken))).ConfigureAwait(false);
        var (nsStatus, nsZone, nsNames) = await nsTask.ConfigureAwait(false);
        var nameServers = await Task.WhenAll(nsNames.Select(n => AddressesAsync(n, 0, cancellationToken))).ConfigureAwait(false);

        var zones = await MailServerZonesAsync(mailServers, nsZone, nameServers, cancellationToken).ConfigureAwait(false);

        IReadOnlyList<string> implicitMx = [];
        if (mx.IsConclusive && records.Count == 0)
        {
            var own = await AddressesAsync(domain, 0, cancellationToken).ConfigureAwait(false);
            implicitMx = [.. own.Ipv4, .. own.Ipv6];
        }

        return new MailServerEvidence(domain, mx.Status, nullMx, mailServers, nsStatus, nsZone, nameServers)
        {
            SkippedMx = skipped,
            ImplicitMxAddresses = implicitMx,
            MailServerZones = zones,
        };
    }

    /// <summary>The zone of every MX name and its name servers; the domain's own zone and hosts are reused, not asked again.</summary>
    private async Task<IReadOnlyList<MailServerZone>> MailServerZonesAsync(
        IReadOnlyList<HostAddresses> mailServers, string? domainZone, IReadOnlyList<HostAddresses> domainNameServers, CancellationToken cancellationToken)
    {
        var lookups = await Task.WhenAll(mailServers.Select(mx => FindNameServersAsync(mx.Name, cancellationToken))).ConfigureAwait(false);
        var known = domainNameServers.ToDictionary(h => h.Name, StringComparer.Ordinal);
        var zones = new List<MailServerZone>();
        foreach (var group in mailServers.Zip(lookups).GroupBy(p => p.Second.Zone ?? "\0" + p.First.Name, StringComparer.Ordinal))
        {
            var (status, zone, names) = group.First().Second;
            var hosts = zone is not null && zone == domainZone
                ? domainNameServers
                : await Task.WhenAll(names.Select(n => known.TryGetValue(n, out var host) ? Task.FromResult(host) : AddressesAsync(n, 0, cancellationToken))).ConfigureAwait(false);
            zones.Add(new MailServerZone(zone, status, group.Select(p => p.First.Name).ToList(), hosts));
        }
        return zones;
    }

    /// <summary>The NS set of the zone the domain is in: the domain's own, else the nearest ancestor's.</summary>
    private async Task<(string Status, string? Zone, IReadOnlyList<string> Names)> FindNameServersAsync(string domain, CancellationToken cancellationToken)
    {
        var name = domain;
        string? firstStatus = null;
        while (name.Contains('.'))
        {
            var answer = await dns.QueryAsync(name, QueryType.NS, cancellationToken).ConfigureAwait(false);
            firstStatus ??= answer.Status;
            if (!answer.IsConclusive)
                return (answer.Status, null, []);
            var names = answer.Records<NsRecord>().Select(r => Host(r.NSDName)).Distinct().Order(StringComparer.Ordinal).ToList();
            if (names.Count > 0)
                return (DnsStatus.NoError, name, names.Take(_options.MaxNameServers).ToList());
            name = name[(name.IndexOf('.') + 1)..];
        }
        return (firstStatus ?? DnsStatus.NoError, null, []);
    }

    private async Task<HostAddresses> AddressesAsync(string host, int preference, CancellationToken cancellationToken)
    {
        var aTask = dns.QueryAsync(host, QueryType.A, cancellationToken);
        var aaaaTask = dns.QueryAsync(host, QueryType.AAAA, cancellationToken);
        var a = await aTask.ConfigureAwait(false);
        var aaaa = await aaaaTask.ConfigureAwait(false);
        var ipv4 = a.Records<ARecord>().Select(r => r.Address).Where(ip => ip.AddressFamily == AddressFamily.InterNetwork)
            .Distinct().Order(InAddressOrder).Take(_options.MaxAddressesPerHost).Select(ip => ip.ToString()).ToList();
        var v6 = aaaa.Records<AaaaRecord>().Select(r => r.Address).Distinct().Order(InAddressOrder).ToList();
        return new HostAddresses(
            host, preference, ipv4,
            v6.Where(ip => !ip.IsIPv4MappedToIPv6).Take(_options.MaxAddressesPerHost).Select(ip => ip.ToString()).ToList(),
            a.Status, aaaa.Status)
        {
            IgnoredIpv6 = v6.Where(ip => ip.IsIPv4MappedToIPv6).Take(_options.MaxAddressesPerHost).Select(ip => ip.ToString()).ToList(),
        };
    }

    /// <summary>
    /// Addresses in numeric order, not the resolver's (which rotates): the same hosts give the same
    /// report, and the cap on addresses per host keeps the same ones.
    /// </summary>
    private static readonly Comparer<IPAddress> InAddressOrder =
        Comparer<IPAddress>.Create((x, y) => x.GetAddressBytes().AsSpan().SequenceCompareTo(y.GetAddressBytes()));

    private static bool IsRoot(DnsString name) => name.Value is "." or "";

    private static string Host(DnsString name) => name.Value.TrimEnd('.').ToLowerInvariant();
}
