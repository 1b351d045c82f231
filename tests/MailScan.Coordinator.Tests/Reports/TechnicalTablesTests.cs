using System.Text.Json.Nodes;
using Google.Protobuf;
using MailScan.Coordinator.Reports;

namespace MailScan.Coordinator.Tests.Reports;

/// <summary>The technical table of each kind of evidence, read from captured lab reports.</summary>
public sealed class TechnicalTablesTests
{
    private static TechnicalTable? Table(string domain, string test, bool withReason = true)
    {
        var subtest = CapturedReports.Of(domain).Categories.SelectMany(c => c.Tests).Single(t => t.Id == test);
        var details = subtest.Details is null ? null : JsonNode.Parse(JsonFormatter.Default.Format(subtest.Details)) as JsonObject;
        return TechnicalTables.From(details, withReason ? subtest.Reason : "");
    }

    private static List<string> Rows(TechnicalTable table) => table.Rows.Select(r => string.Join(" | ", r)).ToList();

    [Fact]
    public void A_dns_answer_is_a_row_per_record_or_says_what_came_back()
    {
        Assert.Equal(["_dmarc.nomail.test | v=DMARC1; p=reject"], Rows(Table("nomail.test", "mail_auth_dmarc_exist")!));
        Assert.Equal(["_dmarc.ipv6-mx-dead.test | no record (NXDOMAIN)"], Rows(Table("ipv6-mx-dead.test", "mail_auth_dmarc_exist")!));
    }

    [Fact]
    public void Dkim_lists_the_node_and_each_key_found()
    {
        var rows = Rows(Table("mtasts-enforce.test", "mail_auth_dkim_exist")!);
        Assert.Equal("_domainkey.mtasts-enforce.test | no record (the name exists: NOERROR)", rows[0]);
        Assert.Contains(rows, r => r.StartsWith("default._domainkey.mtasts-enforce.test | ", StringComparison.Ordinal) && r.EndsWith(" bits", StringComparison.Ordinal));
    }

    [Fact]
    public void A_dnssec_reason_names_its_error_once()
    {
        var table = Table("bogus-expired.test", "mail_dnssec_mailto_valid")!;
        Assert.Equal(["Domain", "DNSSEC", "Why"], table.Headers);
        var why = table.Rows[0][2];
        Assert.StartsWith("SignatureExpired: ", why);
        Assert.DoesNotContain("SignatureExpired: SignatureExpired", why);
    }

    [Fact]
    public void A_column_with_nothing_in_it_is_left_out()
    {
        // CAA is a DNS finding per mail server name: no address.
        Assert.Equal(["Mail server", "Status", "Found"], Table("dane-ee.test", "mail_starttls_tls_caa")!.Headers);
    }

    [Fact]
    public void A_server_row_repeating_the_reason_reads_as_above()
    {
        Assert.All(Table("dane-ee.test", "mail_starttls_tls_version")!.Rows, r => Assert.Equal("as above", r[^1]));
        Assert.All(Table("dane-ee.test", "mail_starttls_tls_version", withReason: false)!.Rows, r => Assert.NotEqual("as above", r[^1]));
    }

    [Fact]
    public void A_domain_without_mx_shows_its_own_addresses()
    {
        var table = Table("nomx.test", "mail_ipv6_mx_address")!;
        Assert.Equal("(the domain itself: no MX)", table.Rows.Single()[0]);
    }

    [Fact]
    public void Nothing_to_show_is_no_table()
    {
        Assert.Null(Table("ipv6-mx-dead.test", "mail_auth_dmarc_policy"));
        Assert.Null(TechnicalTables.From(null));
        Assert.Null(TechnicalTables.From(new JsonObject { ["names"] = new JsonArray() }));
    }
}
