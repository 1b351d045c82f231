using System.Text.Json.Nodes;
using MailScan.Coordinator.InternetNl;
using MailScan.Coordinator.Reports;

namespace MailScan.Coordinator.Tests.InternetNl;

/// <summary>Captured lab reports in the shape of Internet.nl's technical batch results.</summary>
public sealed class InternetNlTechnicalTests
{
    private static JsonObject Of(string domain) => InternetNlTechnical.From(CapturedReports.Of(domain));

    [Fact]
    public void A_dane_domain_has_a_secure_reachable_mail_server_with_starttls_and_validated_dane()
    {
        var technical = Of("dane-ee.test");
        Assert.Equal("ok", (string?)technical["status"]);
        Assert.Equal("secure", (string?)technical["domain"]!["dnssec"]!["status"]);
        var mx = technical["receiving_mailservers"]!["mx.dane-ee.test"]!;
        Assert.Equal("secure", (string?)mx["dnssec"]!["status"]);
        Assert.Equal((true, true, true), ((bool?)mx["server_reachable"], (bool?)mx["starttls_enabled"], (bool?)mx["server_testable"]));
        Assert.Equal("validated", (string?)mx["details"]!["dane_status"]);
        Assert.Equal("127.104.25.10", (string?)mx["addresses"]!["ipv4"]![0]!["address"]);
    }

    [Fact]
    public void Name_servers_carry_their_addresses_ipv6_reachability_and_route_origins()
    {
        var ns = Of("ipv6-mx-dead.test")["nameservers"]!["ns1.dns.test"]!;
        var ipv6 = ns["ipv6"]!["addresses"]![0]!;
        Assert.Equal(("fd00:dead:4:53::11", true), ((string?)ipv6["address"], (bool?)ipv6["reachable"]));
        var ipv4 = ns["ipv4"]!["addresses"]![0]!;
        Assert.Null(ipv4["reachable"]);
        var route = ipv4["routing"]![0]!;
        Assert.Equal(("AS64497", "127.104.53.0/24", "valid"), ((string?)route["origin"], (string?)route["route"], (string?)route["rov_state"]));
    }

    [Fact]
    public void A_mail_server_reached_on_one_address_of_two_offers_starttls_with_the_facts_of_that_address()
    {
        var mx = Of("ipv6-mx-dead.test")["receiving_mailservers"]!["mx1.ipv6-mx-dead.test"]!;
        Assert.Equal((true, true, true), ((bool?)mx["server_reachable"], (bool?)mx["starttls_enabled"], (bool?)mx["server_testable"]));
        Assert.True((bool?)mx["details"]!["cert_trusted"]);
        Assert.False((bool?)mx["details"]!["compression"]);
        Assert.Equal("none", (string?)mx["details"]!["dane_status"]);
    }

    [Fact]
    public void A_mail_server_that_refused_the_connection_is_unreachable_with_empty_details()
    {
        var mx = Of("tls-421.test")["receiving_mailservers"]!.AsObject().Single().Value!;
        Assert.Equal((false, false, false), ((bool?)mx["server_reachable"], (bool?)mx["starttls_enabled"], (bool?)mx["server_testable"]));
        Assert.Empty(mx["details"]!.AsObject());
    }

    [Fact]
    public void Missing_dmarc_and_spf_are_empty_record_lists_without_a_policy_status()
    {
        var domain = Of("dane-ee.test")["domain"]!;
        Assert.Empty(domain["dmarc"]!["records"]!.AsArray());
        Assert.Null(domain["dmarc"]!["policy_status"]);
        Assert.Empty(domain["spf"]!["records"]!.AsArray());
        Assert.False((bool?)domain["dkim"]!["discovered"]);
    }

    [Fact]
    public void A_domain_that_could_not_be_scanned_is_an_error_with_nothing_else()
    {
        var failed = ReportMapper.Failed(Checks.Input.DomainName.Parse("gone.test"), "no resolver answered");
        Assert.Equal("""{"status":"error"}""", InternetNlTechnical.From(failed).ToJsonString());
    }
}
