namespace MailScan.Lab.Tests.Hostile;

/// <summary>
/// Hostile DNS: the lab's hostile DNS servers as the scanner's resolver, hostile zones (CNAME
/// loops, TXT records of 10 000 strings, an SPF include bomb, a policy of 100 MiB, name servers
/// that loop, hang or lie, a zone delegated to itself). Every scan ends with a report or a clear
/// error, within its timeouts and with bounded memory.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class HostileDnsLabTests(HostileScans scans)
{
    private const long MaxPeakKiB = 200 * 1024;

    /// <summary>A resolver that answers 64 KiB of records for every question: the scan tests at most 10 hosts of 16+16 addresses.</summary>
    private const long MaxPeakHugeAnswersKiB = 400 * 1024;

    [Theory]
    [InlineData("dns-tcphang")]
    [InlineData("dns-wrongid")]
    public async Task A_resolver_that_never_answers_usably_exits_3_naming_the_timeouts(string resolver)
    {
        var scan = await scans.Scan("ipv6-good.test", resolver);
        Assert.Equal(3, scan.ExitCode);
        Assert.StartsWith("error: could not scan: no DNS answer for ipv6-good.test (MX: TIMEOUT", scan.Stderr);
        Assert.DoesNotContain("   at ", scan.Stderr);
        Assert.InRange(scan.PeakKiB, 1, MaxPeakKiB);
    }

    [Theory]
    [InlineData("dns-ptrloop", "MALFORMED")]
    [InlineData("dns-servfail", "SERVFAIL")]
    public async Task A_resolver_with_broken_answers_makes_every_lookup_not_testable(string resolver, string status)
    {
        var scan = await scans.Scan("ipv6-good.test", resolver);
        Assert.Equal(0, scan.ExitCode);
        Assert.Equal("NOT_TESTABLE", scan.Status("mail_ipv6_mx_address"));
        Assert.Equal($"the MX records could not be looked up ({status})", scan.Reason("mail_ipv6_mx_address"));
        Assert.Equal("NOT_TESTABLE", scan.Status("mail_auth_spf_exist"));
        Assert.InRange(scan.PeakKiB, 1, MaxPeakKiB);
    }

    [Fact]
    public async Task A_resolver_that_hands_over_cname_loops_gives_not_testable_never_no_records()
    {
        // Taken at face value the loop has no MX, TXT or NS records: "no MX", "no SPF" would be wrong verdicts.
        var scan = await scans.Scan("ipv6-good.test", "dns-cnameloop");
        Assert.Equal(0, scan.ExitCode);
        Assert.Equal("the MX records could not be looked up (MALFORMED)", scan.Reason("mail_ipv6_mx_address"));
        Assert.Equal("NOT_TESTABLE", scan.Status("mail_auth_spf_exist"));
        Assert.Equal("NOT_TESTABLE", scan.Status("mail_auth_dmarc_exist"));
        Assert.Contains("CNAME loop", scan.Reason("mail_dnssec_mailto_exist"));
        Assert.InRange(scan.PeakKiB, 1, MaxPeakKiB);
    }

    [Fact]
    public async Task Answers_of_64_KiB_are_capped_to_ten_hosts_of_a_few_addresses()
    {
        var scan = await scans.Scan("ipv6-good.test", "dns-huge");
        Assert.Equal(0, scan.ExitCode);
        var mx = scan.Report!.Value.GetProperty("servers").GetProperty("mx").EnumerateArray().ToList();
        Assert.Equal(10, mx.Count);
        Assert.All(mx, host => Assert.InRange(host.GetProperty("ipv4").GetArrayLength() + host.GetProperty("ipv6").GetArrayLength(), 1, 32));
        Assert.InRange(scan.PeakKiB, 1, MaxPeakHugeAnswersKiB);
    }

    [Fact]
    public async Task A_txt_record_of_10000_strings_is_read_and_judged()
    {
        var scan = await scans.Scan("hostile-txtbomb.test");
        Assert.Equal("FAILED", scan.Status("mail_auth_spf_policy"));
        Assert.StartsWith("more than 10 DNS-querying terms", scan.Reason("mail_auth_spf_policy"));
        Assert.InRange(scan.PeakKiB, 1, MaxPeakKiB);
        var viaResolver = await scans.Scan("ipv6-good.test", "dns-txtbomb");
        Assert.Equal("FAILED", viaResolver.Status("mail_auth_spf_policy"));
        Assert.InRange(viaResolver.PeakKiB, 1, MaxPeakKiB);
    }

    [Fact]
    public async Task An_spf_include_bomb_stops_at_the_lookup_limit()
    {
        var scan = await scans.Scan("hostile-spfbomb.test");
        Assert.Equal("FAILED", scan.Status("mail_auth_spf_policy"));
        Assert.Contains("more than 10 DNS-querying terms", scan.Reason("mail_auth_spf_policy"));
        Assert.InRange(scan.PeakKiB, 1, MaxPeakKiB);
    }

    [Fact]
    public async Task Cname_loops_where_the_scan_looks_are_not_testable_and_the_good_mx_is_measured()
    {
        var scan = await scans.Scan("hostile-cnameloop.test");
        Assert.Equal(0, scan.ExitCode);
        Assert.Equal("NOT_TESTABLE", scan.Status("mail_auth_dmarc_exist"));
        Assert.Equal("NOT_TESTABLE", scan.Status("mailscan_mta_sts"));
        Assert.All(scan.Servers("mail_starttls_tls_available", "mx.hostile-cnameloop.test"), s => Assert.Equal("NotTestable", s.Status));
        Assert.All(scan.Servers("mail_starttls_tls_available", "good.hostile-cnameloop.test"), s => Assert.Equal("Passed", s.Status));
        Assert.InRange(scan.PeakKiB, 1, MaxPeakKiB);
    }

    [Fact]
    public async Task An_mta_sts_policy_of_100_MiB_is_refused_at_64_KiB()
    {
        var scan = await scans.Scan("hostile-mtasts.test");
        Assert.Equal("FAILED", scan.Status("mailscan_mta_sts"));
        Assert.Contains("the policy is larger than 65536 bytes", scan.Reason("mailscan_mta_sts"));
        Assert.InRange(scan.PeakKiB, 1, MaxPeakKiB);
    }

    [Fact]
    public async Task Name_servers_that_loop_hang_or_lie_fail_ipv6_reach_by_name()
    {
        var scan = await scans.Scan("hostile-ns.test");
        Assert.Equal(0, scan.ExitCode);
        var reason = scan.Reason("mail_ipv6_ns_reach");
        Assert.Contains("ns-ptrloop.dns.test", reason);
        Assert.Contains("ns-tcphang.dns.test", reason);
        Assert.Contains("ns-wrongid.dns.test", reason);
        Assert.Equal("PASSED", scan.Status("mail_auth_spf_policy"));
        Assert.InRange(scan.PeakKiB, 1, MaxPeakKiB);
    }

    [Fact]
    public async Task A_zone_delegated_to_a_server_inside_itself_is_not_testable()
    {
        var scan = await scans.Scan("hostile-nsself.test");
        Assert.Equal(0, scan.ExitCode);
        Assert.Equal("the MX records could not be looked up (SERVFAIL)", scan.Reason("mail_ipv6_mx_address"));
        Assert.Equal("NOT_TESTABLE", scan.Status("mail_dnssec_mailto_exist"));
        Assert.InRange(scan.PeakKiB, 1, MaxPeakKiB);
    }
}
