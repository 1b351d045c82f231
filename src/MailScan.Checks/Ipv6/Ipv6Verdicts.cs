using System.Text.Json.Nodes;
using MailScan.Checks.Discovery;
using MailScan.Checks.Ipv6.NameServers;
using MailScan.Checks.Scanning;
using MailScan.Checks.Smtp;
using MailScan.Checks.Verdicts;
using MailScan.Dns;

namespace MailScan.Checks.Ipv6;

/// <summary>The four IPv6 rules of mailtest.md, as pure functions of the evidence.</summary>
public static class Ipv6Verdicts
{
    /// <summary>At least two name servers have an AAAA record.</summary>
    public static SubtestResult NsAddress(MailServerEvidence servers)
    {
        var id = Ipv6SubtestIds.NsAddress;
        var details = HostTable(servers.NameServers, servers.NsZone);
        if (servers.NsUnknown)
            return new(id, TestStatus.NotTestable, $"the name servers could not be looked up ({servers.NsStatus})", details);
        if (servers.NameServers.Count == 0)
            return new(id, TestStatus.Failed, "no name servers were found for the domain", details);

        var withIpv6 = servers.NameServers.Count(h => h.HasIpv6);
        var unknown = servers.NameServers.Count(h => !h.HasIpv6 && !h.AaaaConclusive);
        if (withIpv6 >= 2)
            return new(id, TestStatus.Passed, $"{withIpv6} of {servers.NameServers.Count} name servers have an IPv6 address", details);
        if (withIpv6 + unknown >= 2)
            return new(id, TestStatus.NotTestable, $"the AAAA records of {unknown} name server(s) could not be looked up", details);
        return withIpv6 == 1
            ? new(id, TestStatus.Failed, "only one name server has an IPv6 address; give at least two name servers an AAAA record", details)
            : new(id, TestStatus.Failed, "none of the name servers has an IPv6 address; give at least two name servers an AAAA record", details);
    }

    /// <summary>Every IPv6 address of every name server answers DNS over UDP and TCP.</summary>
    public static SubtestResult NsReach(MailServerEvidence servers, IProbeResults results)
    {
        var id = Ipv6SubtestIds.NsReach;
        var addresses = servers.NameServers.SelectMany(h => h.Ipv6.Select(ip => (Host: h.Name, Ip: ip))).ToList();
        if (servers.NsUnknown)
            return new(id, TestStatus.NotTestable, $"the name servers could not be looked up ({servers.NsStatus})");
        if (addresses.Count == 0)
            return new(id, TestStatus.NotTested, "no name server has an IPv6 address to test");

        var rows = new JsonArray();
        var failed = new List<string>();
        var untestable = new List<string>();
        var tally = new Dictionary<string, (int Answered, int Failed)>();
        foreach (var (host, ip) in addresses)
        {
            var result = results.Find(new ProbeKey(NameServerReachProbe.Name, ip));
            var evidence = result?.EvidenceAs<NameServerReachEvidence>();
            string state;
            if (evidence is null)
            {
                state = result?.Reason is { Length: > 0 } reason ? reason : "not measured";
                untestable.Add($"{ip} ({state})");
            }
            else if (evidence.UdpAnswered && evidence.TcpAnswered)
            {
                state = "answers over UDP and TCP";
                tally[host] = Count(tally, host, answered: true);
            }
            else
            {
                state = $"UDP: {Word(evidence.UdpStatus)}, TCP: {Word(evidence.TcpStatus)}";
                failed.Add($"{host} {ip} ({state})");
                tally[host] = Count(tally, host, answered: false);
            }
            rows.Add(new JsonObject { ["host"] = host, ["address"] = ip, ["result"] = state, ["reused"] = result?.Reused ?? false });
        }
        var details = new JsonObject { ["addresses"] = rows };
        var points = untestable.Count > 0 ? (double?)null
            : Scoring.Ipv6NameServers(servers.NameServers.Select(h => (h.HasIpv6, Points(tally, h.Name))).ToList());
        SubtestResult outcome;
        if (failed.Count > 0)
            outcome = new(id, TestStatus.Failed, $"not reachable over IPv6: {string.Join("; ", failed)}", details);
        else if (untestable.Count > 0)
            outcome = new(id, TestStatus.NotTestable, $"could not be tested: {string.Join("; ", untestable)}", details);
        else
            outcome = new(id, TestStatus.Passed, addresses.Count == 1 ? "the IPv6 address of the name servers answers over UDP and TCP" : $"all {addresses.Count} IPv6 addresses of the name servers answer over UDP and TCP", details);
        return outcome with { Points = [new ServerPoints(string.Empty, points)] };
    }

    /// <summary>Every mail server has an AAAA record; null MX and no MX are judged as non-receiving.</summary>
    public static SubtestResult MxAddress(MailServerEvidence servers)
    {
        var id = Ipv6SubtestIds.MxAddress;
        var details = HostTable(servers.MailServers, null);
        if (servers.MxUnknown)
            return new(id, TestStatus.NotTestable, $"the MX records could not be looked up ({servers.MxStatus})", details);
        if (servers.NullMx && servers.MailServers.Count > 0)
            return new(id, TestStatus.Warning, "the domain publishes a null MX (\"MX 0 .\") beside other MX records; remove one or the other", details);
        if (servers.NullMx)
            return new SubtestResult(id, TestStatus.NotTested, "the domain receives no mail (null MX)", details) { Level = SubtestLevels.WithoutMailServer };
        if (servers.MailServers.Count == 0)
        {
            details["implicitMxAddresses"] = new JsonArray([.. servers.ImplicitMxAddresses.Select(a => (JsonNode)JsonValue.Create(a))]);
            // NOT_TESTED as Internet.nl shows it: there is no mail server; the advice stays in the reason.
            return new SubtestResult(id, TestStatus.NotTested, "the domain has no MX records, so no mail server to test; if it receives no mail, publish a null MX (RFC 7505)", details) { Level = SubtestLevels.WithoutMailServer };
        }

        var missing = servers.MailServers.Where(h => !h.HasIpv6 && h.AaaaConclusive).Select(h => h.Name).ToList();
        var unknown = servers.MailServers.Where(h => !h.HasIpv6 && !h.AaaaConclusive).Select(h => h.Name).ToList();
        if (missing.Count > 0)
            return new(id, TestStatus.Failed, $"mail server(s) without an IPv6 address: {string.Join(", ", missing)}", details);
        if (unknown.Count > 0)
            return new(id, TestStatus.NotTestable, $"the AAAA records of {string.Join(", ", unknown)} could not be looked up", details);
        return new(id, TestStatus.Passed, servers.MailServers.Count == 1 ? "the mail server has an IPv6 address" : $"all {servers.MailServers.Count} mail servers have an IPv6 address", details);
    }

    /// <summary>Every IPv6 address of every mail server greets with 220 on the SMTP port.</summary>
    public static SubtestResult MxReach(MailServerEvidence servers, IProbeResults results)
    {
        var id = Ipv6SubtestIds.MxReach;
        if (servers.MxUnknown)
            return new(id, TestStatus.NotTestable, $"the MX records could not be looked up ({servers.MxStatus})");
        var addresses = servers.MailServers.SelectMany(h => h.Ipv6.Select(ip => (Host: h.Name, Ip: ip))).ToList();
        if (!servers.HasMailServers)
            return new SubtestResult(id, TestStatus.NotTested, "the domain has no mail server to test") { Level = SubtestLevels.WithoutMailServer };
        if (addresses.Count == 0)
            return new(id, TestStatus.NotTested, "no mail server has an IPv6 address to test");

        var rows = new JsonArray();
        var failed = new List<string>();
        var untestable = new List<string>();
        var tally = new Dictionary<string, (int Answered, int Failed)>();
        foreach (var (host, ip) in addresses)
        {
            var result = results.Find(new ProbeKey(SmtpGreetingProbe.Name, ip));
            var evidence = result?.EvidenceAs<SmtpEvidence>();
            var (reachable, state) = Reachability(evidence, result);
            if (reachable is { } answered)
                tally[host] = Count(tally, host, answered);
            if (reachable == false)
                failed.Add($"{host} {ip} ({state})");
            else if (reachable is null)
                untestable.Add($"{host} {ip} ({state})");
            rows.Add(new JsonObject
            {
                ["host"] = host,
                ["address"] = ip,
                ["result"] = state,
                ["greeting"] = evidence?.Greeting,
                ["reused"] = result?.Reused ?? false,
            });
        }
        var details = new JsonObject { ["addresses"] = rows };
        var points = untestable.Count > 0 ? (double?)null
            : Scoring.Ipv6MailServers(servers.MailServers.Select(h => Points(tally, h.Name)).ToList());
        SubtestResult outcome;
        if (failed.Count > 0)
            outcome = new(id, TestStatus.Failed, $"not reachable over IPv6 on the SMTP port: {string.Join("; ", failed)}", details);
        else if (untestable.Count > 0)
            outcome = new(id, TestStatus.NotTestable, $"could not be tested: {string.Join("; ", untestable)}", details);
        else
            outcome = new(id, TestStatus.Passed, addresses.Count == 1 ? "the IPv6 address of the mail servers accepts SMTP" : $"all {addresses.Count} IPv6 addresses of the mail servers accept SMTP", details);
        return outcome with { Points = [new ServerPoints(string.Empty, points)] };
    }

    private static (int Answered, int Failed) Count(Dictionary<string, (int Answered, int Failed)> tally, string host, bool answered)
    {
        var (yes, no) = tally.GetValueOrDefault(host);
        return answered ? (yes + 1, no) : (yes, no + 1);
    }

    private static double Points(Dictionary<string, (int Answered, int Failed)> tally, string host) =>
        tally.TryGetValue(host, out var t) ? Scoring.Ipv6Host(t.Answered, t.Failed) : Scoring.Ipv6Host(0, 0);

    /// <summary>True: greets with 220; false: not reachable or not SMTP; null: could not be measured.</summary>
    private static (bool? Reachable, string State) Reachability(SmtpEvidence? evidence, ProbeResult? result)
    {
        if (evidence is null)
            return (null, result?.Reason is { Length: > 0 } reason ? reason : "not measured");
        if (evidence.GreetingCode == 220)
            return (true, "greets with 220");
        return evidence.State switch
        {
            SmtpConnectState.TemporarilyRejected => (null, $"greeted with {evidence.GreetingCode}: the server refuses connections for now"),
            SmtpConnectState.BannerTimeout => (null, evidence.Error ?? "no greeting in time"),
            SmtpConnectState.Refused => (false, "connection refused"),
            SmtpConnectState.ConnectTimeout => (false, "no TCP connection within the time limit"),
            SmtpConnectState.Unreachable => (false, evidence.Error ?? "unreachable"),
            SmtpConnectState.Rejected => (false, $"greeted with {evidence.GreetingCode}: no SMTP service"),
            _ => (false, evidence.Error ?? "the connection was dropped before a 220 greeting"),
        };
    }

    private static JsonObject HostTable(IReadOnlyList<HostAddresses> hosts, string? zone)
    {
        var rows = new JsonArray();
        foreach (var host in hosts)
        {
            rows.Add(new JsonObject
            {
                ["name"] = host.Name,
                ["ipv6"] = new JsonArray([.. host.Ipv6.Select(a => (JsonNode)JsonValue.Create(a))]),
                ["ipv4"] = new JsonArray([.. host.Ipv4.Select(a => (JsonNode)JsonValue.Create(a))]),
                ["aaaaStatus"] = host.AaaaStatus,
            });
        }
        var table = new JsonObject { ["hosts"] = rows };
        if (zone is not null)
            table["zone"] = zone;
        return table;
    }

    private static string Word(string status) => status switch
    {
        DnsStatus.Timeout => "no answer",
        "NETWORK_ERROR" => "unreachable",
        "MALFORMED" => "malformed answer",
        _ => status,
    };
}
