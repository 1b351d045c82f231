using MailScan.Checks.Discovery;
using MailScan.Dns;
using MailScan.Rpki;

namespace MailScan.Checks.Rpki;

/// <summary>
/// The addresses one pair of RPKI sub-tests judges (the mail servers, the domain's name servers,
/// or the name servers of the MX zones), or why there is nothing to judge.
/// </summary>
/// <param name="Servers">How the report names the servers ("mail servers", ...).</param>
/// <param name="Addresses">Every (host, address) pair, de-duplicated.</param>
/// <param name="Unresolved">Hosts whose A or AAAA lookup gave no conclusive answer.</param>
/// <param name="NotTested">Why the rule does not apply (no mail server, null MX), if so.</param>
/// <param name="NotTestable">Why the servers could not be found (MX or NS lookup failed), if so.</param>
public sealed record RpkiHostGroup(
    string Servers,
    IReadOnlyList<(string Host, string Address)> Addresses,
    IReadOnlyList<string> Unresolved,
    string? NotTested = null,
    string? NotTestable = null)
{
    /// <summary>The mail servers (MX hosts).</summary>
    public static RpkiHostGroup MailServers(MailServerEvidence servers)
    {
        const string name = "mail servers";
        return NoMail(servers, name) ?? FromHosts(name, servers.MailServers);
    }

    /// <summary>The name servers of the domain's zone.</summary>
    public static RpkiHostGroup NameServers(MailServerEvidence servers)
    {
        const string name = "name servers";
        if (servers.NsUnknown)
            return new(name, [], [], NotTestable: $"the name servers could not be looked up ({servers.NsStatus})");
        return servers.NameServers.Count == 0 ? new(name, [], [], NotTested: "no name servers were found") : FromHosts(name, servers.NameServers);
    }

    /// <summary>The name servers of the zones the MX names are in.</summary>
    public static RpkiHostGroup MailServerNameServers(MailServerEvidence servers)
    {
        const string name = "name servers of the mail server zones";
        if (NoMail(servers, name) is { } none)
            return none;
        var failed = servers.MailServerZones.Where(z => z.Unknown).ToList();
        var group = FromHosts(name, servers.MailServerZones.SelectMany(z => z.NameServers));
        if (failed.Count == 0)
            return group;
        var which = string.Join(", ", failed.SelectMany(z => z.MailServers).Select(mx => $"{mx} ({failed.First(z => z.MailServers.Contains(mx)).Status})"));
        return group with { Unresolved = [.. group.Unresolved, $"the zone of {which}"] };
    }

    private static RpkiHostGroup? NoMail(MailServerEvidence servers, string name)
    {
        if (servers.MxUnknown)
            return new(name, [], [], NotTestable: $"the MX records could not be looked up ({servers.MxStatus})");
        if (servers.MailServers.Count > 0)
            return null;
        return new(name, [], [], NotTested: servers.NullMx ? "the domain receives no mail (null MX)" : "the domain has no mail server (no MX records)");
    }

    private static RpkiHostGroup FromHosts(string name, IEnumerable<HostAddresses> hosts)
    {
        var addresses = new List<(string, string)>();
        var seen = new HashSet<(string, string)>();
        var unresolved = new List<string>();
        foreach (var host in hosts)
        {
            foreach (var address in host.Ipv4.Concat(host.Ipv6))
            {
                if (seen.Add((host.Name, address)))
                    addresses.Add((host.Name, address));
            }
            if (!DnsStatus.IsConclusive(host.AStatus) || !host.AaaaConclusive)
                unresolved.Add($"{host.Name} (A: {host.AStatus}, AAAA: {host.AaaaStatus})");
        }
        return new(name, addresses, unresolved.Distinct().ToList());
    }
}
