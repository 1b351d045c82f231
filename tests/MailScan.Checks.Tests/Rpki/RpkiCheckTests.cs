using System.Net;
using MailScan.Checks.Discovery;
using MailScan.Checks.Rpki;
using MailScan.Checks.Scanning;
using MailScan.Checks.Verdicts;
using MailScan.Rpki;

namespace MailScan.Checks.Tests.Rpki;

/// <summary>The six RPKI sub-tests from captured route evidence: every rule of mailtest.md and the edges.</summary>
public sealed class RpkiCheckTests
{
    private static readonly VrpSet Vrps = VrpSet.Create(new VrpSetInfo("test.json", "abc", DateTimeOffset.UnixEpoch),
    [
        new Vrp(IpPrefix.Parse("192.0.2.0/24"), 24, 64496),       // valid for AS64496
        new Vrp(IpPrefix.Parse("198.51.100.0/24"), 24, 64999),    // AS64497 announces it: wrong origin
        new Vrp(IpPrefix.Parse("203.0.112.0/23"), 23, 64498),     // /24 announced: too specific
        new Vrp(IpPrefix.Parse("2001:db8::/32"), 48, 64496),
        new Vrp(IpPrefix.Parse("192.0.0.0/24"), 24, 64500),       // covers an unannounced address
    ]);

    // address -> announced route ("prefix originAS[_originAS]") or null for not announced
    private static readonly Dictionary<string, string?> Routes = new()
    {
        ["192.0.2.25"] = "192.0.2.0/24 64496",
        ["2001:db8:1::25"] = "2001:db8:1::/48 64496",
        ["198.51.100.25"] = "198.51.100.0/24 64497",
        ["203.0.113.25"] = "203.0.113.0/24 64498",
        ["100.64.0.1"] = null,
        ["192.0.0.9"] = null,
        ["233.252.0.25"] = "233.252.0.0/24 64499",
        ["192.0.2.53"] = "192.0.2.0/24 64496",
        ["192.0.2.54"] = "192.0.2.0/24 64496_64497",
    };

    private static HostAddresses Host(string name, params string[] addresses) =>
        new(name, 10, addresses.Where(a => !a.Contains(':')).ToList(), addresses.Where(a => a.Contains(':')).ToList(), "NOERROR", "NOERROR");

    private static MailServerEvidence Servers(HostAddresses[] mx, HostAddresses[] ns, params MailServerZone[] zones) =>
        new("example.nl", "NOERROR", false, mx, "NOERROR", "example.nl", ns) { MailServerZones = zones };

    private static MailServerZone Zone(string zone, params HostAddresses[] ns) => new(zone, "NOERROR", [$"mx.{zone}"], ns);

    private static ProbeResult Evidence(string address)
    {
        var key = new ProbeKey(RouteOriginProbe.Name, address);
        var route = Routes[address];
        RouteLookup lookup;
        if (route is null)
        {
            lookup = new RouteLookup("table", RouteLookupStatus.NotAnnounced, null);
        }
        else
        {
            var parts = route.Split(' ');
            var origins = parts[1].Split('_').Select(a => RouteOrigin.Of(uint.Parse(a))).ToList();
            lookup = new RouteLookup("table", RouteLookupStatus.Announced, new AnnouncedRoute(IpPrefix.Parse(parts[0]), origins));
        }
        return ProbeResult.Completed(key, RouteOriginEvidence.Build(IPAddress.Parse(address), lookup, Vrps), TimeSpan.Zero);
    }

    private static CategoryResult Judge(MailServerEvidence servers, Func<string, ProbeResult>? answer = null)
    {
        var check = new RpkiCheck();
        var results = new ProbeResultSet();
        foreach (var request in check.Plan(servers))
            results.Add((answer ?? Evidence)(request.Key.Target));
        return check.Judge(servers, results);
    }

    private static SubtestResult Test(CategoryResult category, string id) => category.Tests.Single(t => t.Id == id);

    private static readonly HostAddresses GoodNs = Host("ns1.example.net", "192.0.2.53", "2001:db8:1::25");

    [Fact]
    public void Valid_routes_covered_by_roas_pass_every_sub_test()
    {
        var category = Judge(Servers([Host("mx.example.nl", "192.0.2.25", "2001:db8:1::25")], [GoodNs], Zone("example.nl", GoodNs)));
        Assert.Equal(RpkiSubtestIds.All, category.Tests.Select(t => t.Id));
        Assert.All(category.Tests, t => Assert.Equal(TestStatus.Passed, t.Status));
        Assert.Equal(TestStatus.Passed, category.Status);
        var row = Test(category, RpkiSubtestIds.MxValid).Details!["addresses"]![0]!;
        Assert.Equal("valid", row["state"]!.GetValue<string>());
        Assert.Equal("192.0.2.0/24", row["prefix"]!.GetValue<string>());
        Assert.Equal("192.0.2.0/24 maxLength 24 AS64496", row["validity"]![0]!["matchedVrps"]![0]!.GetValue<string>());
    }

    [Fact]
    public void A_route_from_an_origin_the_roa_does_not_name_fails_valid_but_exists()
    {
        var category = Judge(Servers([Host("mx.example.nl", "192.0.2.25", "198.51.100.25")], [GoodNs]));
        Assert.Equal(TestStatus.Passed, Test(category, RpkiSubtestIds.MxExists).Status);
        var valid = Test(category, RpkiSubtestIds.MxValid);
        Assert.Equal(TestStatus.Failed, valid.Status);
        Assert.Contains("198.51.100.0/24 from AS64497 is not an origin the ROAs allow (198.51.100.0/24 maxLength 24 AS64999)", valid.Reason);
        Assert.Equal(TestStatus.Failed, category.Status);
    }

    [Fact]
    public void A_route_more_specific_than_max_length_fails_valid()
    {
        var valid = Test(Judge(Servers([Host("mx.example.nl", "203.0.113.25")], [GoodNs])), RpkiSubtestIds.MxValid);
        Assert.Equal(TestStatus.Failed, valid.Status);
        Assert.Contains("more specific than the ROA allows (203.0.112.0/23 maxLength 23 AS64498)", valid.Reason);
    }

    [Fact]
    public void A_route_without_roa_warns_on_exists_and_leaves_valid_not_tested()
    {
        var category = Judge(Servers([Host("mx.example.nl", "192.0.2.25", "233.252.0.25")], [GoodNs]));
        var exists = Test(category, RpkiSubtestIds.MxExists);
        Assert.Equal(TestStatus.Warning, exists.Status);
        Assert.Contains("mx.example.nl 233.252.0.25 (233.252.0.0/24 from AS64499)", exists.Reason);
        Assert.Equal(TestStatus.NotTested, Test(category, RpkiSubtestIds.MxValid).Status);
        Assert.Equal(TestStatus.Warning, category.Status);
    }

    [Fact]
    public void An_unannounced_address_counts_as_covered_when_a_roa_covers_it()
    {
        var covered = Judge(Servers([Host("mx.example.nl", "192.0.0.9")], [GoodNs]));
        Assert.Equal(TestStatus.Passed, Test(covered, RpkiSubtestIds.MxExists).Status);
        var valid = Test(covered, RpkiSubtestIds.MxValid);
        Assert.Equal(TestStatus.NotTested, valid.Status);
        Assert.Contains("not announced", valid.Reason);

        var bare = Judge(Servers([Host("mx.example.nl", "100.64.0.1")], [GoodNs]));
        Assert.Equal(TestStatus.Warning, Test(bare, RpkiSubtestIds.MxExists).Status);
    }

    [Fact]
    public void Valid_routes_beside_unannounced_addresses_pass()
    {
        var valid = Test(Judge(Servers([Host("mx.example.nl", "192.0.2.25", "192.0.0.9")], [GoodNs])), RpkiSubtestIds.MxValid);
        Assert.Equal(TestStatus.Passed, valid.Status);
        Assert.Contains("1 not announced", valid.Reason);
    }

    [Fact]
    public void A_multi_origin_route_is_invalid_when_one_origin_is()
    {
        var valid = Test(Judge(Servers([Host("mx.example.nl", "192.0.2.54")], [GoodNs])), RpkiSubtestIds.MxValid);
        Assert.Equal(TestStatus.Failed, valid.Status);
        Assert.Contains("from AS64497", valid.Reason);
    }

    [Fact]
    public void Name_servers_and_mx_zone_name_servers_are_judged_apart()
    {
        var badNs = Host("ns.bad.example", "198.51.100.25");
        var category = Judge(Servers([Host("mx.example.nl", "192.0.2.25")], [GoodNs], Zone("mail.example", badNs), Zone("example.nl", GoodNs)));
        Assert.Equal(TestStatus.Passed, Test(category, RpkiSubtestIds.NsValid).Status);
        Assert.Equal(TestStatus.Passed, Test(category, RpkiSubtestIds.MxValid).Status);
        Assert.Equal(TestStatus.Failed, Test(category, RpkiSubtestIds.MxNsValid).Status);
        Assert.Contains("ns.bad.example 198.51.100.25", Test(category, RpkiSubtestIds.MxNsValid).Reason);
    }

    [Fact]
    public void Every_address_is_probed_once_whatever_group_it_is_in()
    {
        var servers = Servers([Host("mx.example.nl", "192.0.2.25")], [GoodNs], Zone("a.example", GoodNs), Zone("example.nl", GoodNs));
        var planned = new RpkiCheck().Plan(servers).Select(r => r.Key.Target).ToList();
        Assert.Equal(["192.0.2.25", "192.0.2.53", "2001:db8:1::25"], planned.Order());
        Assert.All(new RpkiCheck().Plan(servers), r => Assert.Equal("rpki.origin", r.Key.Kind));
    }

    [Fact]
    public void A_domain_without_mail_servers_is_not_tested_for_mail_but_for_its_name_servers()
    {
        var nullMx = new MailServerEvidence("example.nl", "NOERROR", true, [], "NOERROR", "example.nl", [GoodNs]);
        var category = Judge(nullMx);
        Assert.Equal(TestStatus.NotTested, Test(category, RpkiSubtestIds.MxExists).Status);
        Assert.Contains("null MX", Test(category, RpkiSubtestIds.MxValid).Reason);
        Assert.Equal(TestStatus.NotTested, Test(category, RpkiSubtestIds.MxNsExists).Status);
        Assert.Equal(TestStatus.Passed, Test(category, RpkiSubtestIds.NsExists).Status);
    }

    [Fact]
    public void Failed_mx_lookup_is_not_testable()
    {
        var servfail = new MailServerEvidence("example.nl", "SERVFAIL", false, [], "NOERROR", "example.nl", [GoodNs]);
        Assert.Equal(TestStatus.NotTestable, Test(Judge(servfail), RpkiSubtestIds.MxExists).Status);
    }

    [Fact]
    public void A_missing_vrp_set_is_the_scanners_error_not_a_verdict_on_the_domain()
    {
        var category = Judge(Servers([Host("mx.example.nl", "192.0.2.25")], [GoodNs]),
            ip => ProbeResult.NotCompleted(new ProbeKey(RouteOriginProbe.Name, ip), ProbeOutcome.Failed, "no VRP set: no VRP source is configured", TimeSpan.Zero));
        Assert.All(category.Tests.Where(t => t.Id != RpkiSubtestIds.MxNsExists && t.Id != RpkiSubtestIds.MxNsValid),
            t => Assert.Equal(TestStatus.Error, t.Status));
        Assert.Contains("no VRP source is configured", Test(category, RpkiSubtestIds.MxValid).Reason);
        Assert.Equal(TestStatus.Error, category.Status);
    }

    [Fact]
    public void A_probe_that_ran_out_of_time_is_not_testable()
    {
        var category = Judge(Servers([Host("mx.example.nl", "192.0.2.25")], [GoodNs]),
            ip => ProbeResult.NotCompleted(new ProbeKey(RouteOriginProbe.Name, ip), ProbeOutcome.TimedOut, "timed out", TimeSpan.Zero));
        Assert.Equal(TestStatus.NotTestable, Test(category, RpkiSubtestIds.MxExists).Status);
        Assert.Equal(TestStatus.NotTestable, Test(category, RpkiSubtestIds.MxValid).Status);
    }

    [Fact]
    public void An_invalid_route_fails_even_when_another_address_could_not_be_checked()
    {
        var category = Judge(Servers([Host("mx.example.nl", "198.51.100.25", "192.0.2.25")], [GoodNs]),
            ip => ip == "192.0.2.25" ? ProbeResult.NotCompleted(new ProbeKey(RouteOriginProbe.Name, ip), ProbeOutcome.TimedOut, "timed out", TimeSpan.Zero) : Evidence(ip));
        Assert.Equal(TestStatus.Failed, Test(category, RpkiSubtestIds.MxValid).Status);
        Assert.Equal(TestStatus.NotTestable, Test(category, RpkiSubtestIds.MxExists).Status);
    }

    [Fact]
    public void Hosts_whose_addresses_could_not_be_looked_up_are_not_testable()
    {
        var unresolved = new HostAddresses("mx.example.nl", 10, ["192.0.2.25"], [], "NOERROR", "SERVFAIL");
        var exists = Test(Judge(Servers([unresolved], [GoodNs])), RpkiSubtestIds.MxExists);
        Assert.Equal(TestStatus.NotTestable, exists.Status);
        Assert.Contains("AAAA: SERVFAIL", exists.Reason);
    }

    [Fact]
    public void Route_evidence_survives_the_json_round_trip()
    {
        var result = Evidence("198.51.100.25");
        var evidence = result.EvidenceAs<RouteOriginEvidence>()!;
        Assert.Equal(AddressRouteState.Invalid, evidence.State);
        Assert.Equal(InvalidityReason.As, evidence.Origins[0].Reason);
        Assert.Equal("abc", evidence.VrpSet.Version);
        Assert.Contains("\"state\":\"INVALID\"", result.Evidence!.Value.GetRawText());
    }
}
