using MailScan.Checks.Discovery;
using MailScan.Checks.Ipv6;
using MailScan.Checks.Ipv6.NameServers;
using MailScan.Checks.Scanning;
using MailScan.Checks.Smtp;
using MailScan.Checks.Verdicts;

namespace MailScan.Checks.Tests.Ipv6;

public sealed class Ipv6VerdictsTests
{
    private static HostAddresses Host(string name, string? v6, string aaaaStatus = "NOERROR") =>
        new(name, 10, ["192.0.2.1"], v6 is null ? [] : [v6], "NOERROR", aaaaStatus);

    private static MailServerEvidence Servers(IReadOnlyList<HostAddresses> mx, IReadOnlyList<HostAddresses> ns, bool nullMx = false, string mxStatus = "NOERROR", string nsStatus = "NOERROR") =>
        new("example.nl", mxStatus, nullMx, mx, nsStatus, "example.nl", ns);

    private static readonly IReadOnlyList<HostAddresses> TwoV6Ns = [Host("ns1.example.net", "2001:db8:1::53"), Host("ns2.example.net", "2001:db8:2::53")];
    private static readonly IReadOnlyList<HostAddresses> OneMx = [Host("mx.example.nl", "2001:db8:25::1")];

    private static ProbeResultSet Results(params ProbeResult[] results)
    {
        var set = new ProbeResultSet();
        foreach (var result in results)
            set.Add(result);
        return set;
    }

    private static ProbeResult Ns(string ip, string udp, string tcp) =>
        ProbeResult.Completed(new ProbeKey(NameServerReachProbe.Name, ip), new NameServerReachEvidence(ip, "example.nl NS", udp, tcp, 1, 1), TimeSpan.Zero);

    private static ProbeResult Smtp(string ip, SmtpConnectState state, int? code) =>
        ProbeResult.Completed(new ProbeKey(SmtpGreetingProbe.Name, ip), new SmtpEvidence(ip, 25, state, code, code is null ? null : "banner", false, [], 1, 1), TimeSpan.Zero);

    [Fact]
    public void Two_name_servers_with_aaaa_pass() =>
        Assert.Equal(TestStatus.Passed, Ipv6Verdicts.NsAddress(Servers(OneMx, TwoV6Ns)).Status);

    [Fact]
    public void One_name_server_with_aaaa_fails()
    {
        var result = Ipv6Verdicts.NsAddress(Servers(OneMx, [Host("ns1.example.net", "2001:db8:1::53"), Host("ns2.example.net", null)]));
        Assert.Equal(TestStatus.Failed, result.Status);
        Assert.Contains("only one", result.Reason);
    }

    [Fact]
    public void No_name_server_with_aaaa_fails() =>
        Assert.Contains("none", Ipv6Verdicts.NsAddress(Servers(OneMx, [Host("a.example.net", null), Host("b.example.net", null)])).Reason);

    [Fact]
    public void Unresolvable_aaaa_of_name_servers_is_not_testable_rather_than_failed() =>
        Assert.Equal(TestStatus.NotTestable,
            Ipv6Verdicts.NsAddress(Servers(OneMx, [Host("a.example.net", "2001:db8::1"), Host("b.example.net", null, "SERVFAIL")])).Status);

    [Fact]
    public void A_failed_ns_lookup_is_not_testable() =>
        Assert.Equal(TestStatus.NotTestable, Ipv6Verdicts.NsAddress(Servers(OneMx, [], nsStatus: "SERVFAIL")).Status);

    [Fact]
    public void Name_servers_answering_over_udp_and_tcp_pass()
    {
        var results = Results(Ns("2001:db8:1::53", "NOERROR", "NOERROR"), Ns("2001:db8:2::53", "REFUSED", "NOERROR"));
        Assert.Equal(TestStatus.Passed, Ipv6Verdicts.NsReach(Servers(OneMx, TwoV6Ns), results).Status);
    }

    [Fact]
    public void A_name_server_silent_over_tcp_fails_and_is_named()
    {
        var results = Results(Ns("2001:db8:1::53", "NOERROR", "NOERROR"), Ns("2001:db8:2::53", "NOERROR", "TIMEOUT"));
        var result = Ipv6Verdicts.NsReach(Servers(OneMx, TwoV6Ns), results);
        Assert.Equal(TestStatus.Failed, result.Status);
        Assert.Contains("ns2.example.net 2001:db8:2::53", result.Reason);
        Assert.DoesNotContain("ns1", result.Reason);
    }

    [Fact]
    public void A_name_server_address_not_allowed_is_not_testable()
    {
        var results = Results(Ns("2001:db8:1::53", "NOERROR", "NOERROR"),
            ProbeResult.NotCompleted(new ProbeKey(NameServerReachProbe.Name, "2001:db8:2::53"), ProbeOutcome.NotAllowed, "address not allowed: documentation", TimeSpan.Zero));
        var result = Ipv6Verdicts.NsReach(Servers(OneMx, TwoV6Ns), results);
        Assert.Equal(TestStatus.NotTestable, result.Status);
        Assert.Contains("address not allowed", result.Reason);
    }

    [Fact]
    public void Ns_reach_is_not_tested_without_ipv6_name_servers() =>
        Assert.Equal(TestStatus.NotTested, Ipv6Verdicts.NsReach(Servers(OneMx, [Host("a.example.net", null)]), Results()).Status);

    [Fact]
    public void Every_mx_with_aaaa_passes() =>
        Assert.Equal(TestStatus.Passed, Ipv6Verdicts.MxAddress(Servers(OneMx, TwoV6Ns)).Status);

    [Fact]
    public void An_mx_without_aaaa_fails_and_is_named()
    {
        var result = Ipv6Verdicts.MxAddress(Servers([Host("mx1.example.nl", "2001:db8::1"), Host("mx2.example.nl", null)], TwoV6Ns));
        Assert.Equal(TestStatus.Failed, result.Status);
        Assert.Contains("mx2.example.nl", result.Reason);
    }

    [Fact]
    public void Null_mx_is_not_tested() =>
        Assert.Equal(TestStatus.NotTested, Ipv6Verdicts.MxAddress(Servers([], TwoV6Ns, nullMx: true)).Status);

    [Fact]
    public void Null_mx_beside_other_mx_is_a_warning() =>
        Assert.Equal(TestStatus.Warning, Ipv6Verdicts.MxAddress(Servers(OneMx, TwoV6Ns, nullMx: true)).Status);

    [Fact]
    public void No_mx_at_all_is_not_tested_with_the_advice_to_publish_a_null_mx()
    {
        var noMx = Ipv6Verdicts.MxAddress(Servers([], TwoV6Ns));
        Assert.Equal((TestStatus.NotTested, SubtestLevel.Info), (noMx.Status, noMx.Level));
        Assert.Contains("null MX", noMx.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_mx_lookup_is_not_testable() =>
        Assert.Equal(TestStatus.NotTestable, Ipv6Verdicts.MxAddress(Servers([], TwoV6Ns, mxStatus: "TIMEOUT")).Status);

    [Fact]
    public void An_mx_greeting_with_220_over_ipv6_passes() =>
        Assert.Equal(TestStatus.Passed, Ipv6Verdicts.MxReach(Servers(OneMx, TwoV6Ns), Results(Smtp("2001:db8:25::1", SmtpConnectState.Greeted, 220))).Status);

    [Theory]
    [InlineData(SmtpConnectState.Refused, null)]
    [InlineData(SmtpConnectState.ConnectTimeout, null)]
    [InlineData(SmtpConnectState.Unreachable, null)]
    [InlineData(SmtpConnectState.Rejected, 554)]
    public void An_mx_that_cannot_be_reached_over_ipv6_fails(SmtpConnectState state, int? code) =>
        Assert.Equal(TestStatus.Failed, Ipv6Verdicts.MxReach(Servers(OneMx, TwoV6Ns), Results(Smtp("2001:db8:25::1", state, code))).Status);

    [Theory]
    [InlineData(SmtpConnectState.TemporarilyRejected, 421)]
    [InlineData(SmtpConnectState.BannerTimeout, null)]
    public void A_421_or_a_tarpit_is_not_testable_never_failed(SmtpConnectState state, int? code) =>
        Assert.Equal(TestStatus.NotTestable, Ipv6Verdicts.MxReach(Servers(OneMx, TwoV6Ns), Results(Smtp("2001:db8:25::1", state, code))).Status);

    [Fact]
    public void Mx_reach_is_not_tested_when_no_mx_has_aaaa() =>
        Assert.Equal(TestStatus.NotTested, Ipv6Verdicts.MxReach(Servers([Host("mx.example.nl", null)], TwoV6Ns), Results()).Status);

    [Fact]
    public void The_category_fails_when_a_scoring_subtest_fails()
    {
        var servers = Servers([Host("mx.example.nl", null)], TwoV6Ns);
        var results = Results(Ns("2001:db8:1::53", "NOERROR", "NOERROR"), Ns("2001:db8:2::53", "NOERROR", "NOERROR"));
        var category = new Ipv6Check().Judge(servers, results);
        Assert.Equal(TestStatus.Failed, category.Status);
        Assert.Equal(Ipv6SubtestIds.All, category.Tests.Select(t => t.Id));
    }

    [Fact]
    public void The_plan_asks_for_every_ipv6_address_of_name_and_mail_servers()
    {
        var plan = new Ipv6Check().Plan(Servers(OneMx, TwoV6Ns));
        Assert.Equal(
            ["ns.reach:2001:db8:1::53", "ns.reach:2001:db8:2::53", "smtp:2001:db8:25::1"],
            plan.Select(p => p.Key.ToString()).Order(StringComparer.Ordinal));
    }
}
