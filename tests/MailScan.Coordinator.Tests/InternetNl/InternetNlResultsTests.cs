using System.Text.Json.Nodes;
using MailScan.Coordinator.InternetNl;
using MailScan.Coordinator.Reports;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Coordinator.Tests.InternetNl;

/// <summary>Captured lab reports in the shape of Internet.nl's batch API v2 results, checked against our schema of it.</summary>
public sealed class InternetNlResultsTests
{
    private static JsonObject Document() => InternetNlResults.From(CapturedReports.All, "lab");

    private static JsonNode Domain(string name) => Document()["domains"]![name]!;

    [Fact]
    public void The_results_of_the_captured_lab_domains_validate_against_the_schema()
    {
        var document = Document();
        Assert.Empty(BatchResultsSchema.Errors(document));
        Assert.Equal(CapturedReports.All.Count, document["domains"]!.AsObject().Count);
    }

    [Fact]
    public void A_domain_that_could_not_be_scanned_is_an_error_with_nothing_else()
    {
        var failed = ReportMapper.Failed(Checks.Input.DomainName.Parse("gone.test"), "no resolver answered");
        var document = InternetNlResults.From([failed, CapturedReports.Of("nomail.test")], "lab");
        Assert.Empty(BatchResultsSchema.Errors(document));
        Assert.Equal("""{"status":"error"}""", document["domains"]!["gone.test"]!.ToJsonString());
    }

    [Fact]
    public void The_schema_rejects_our_own_status_words_and_ids()
    {
        var document = Document();
        var tests = document["domains"]!["nomail.test"]!["results"]!["tests"]!.AsObject();
        tests["mail_ipv6_ns_reach"]!["status"] = "NOT_TESTABLE";
        tests["mailscan_mta_sts"] = new JsonObject { ["status"] = "info", ["verdict"] = "info" };
        var errors = BatchResultsSchema.Errors(document);
        Assert.Contains(errors, e => e.Contains("mail_ipv6_ns_reach", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("mailscan_mta_sts", StringComparison.Ordinal));
    }

    [Fact]
    public void Scores_statuses_and_verdicts_come_from_the_report()
    {
        var report = CapturedReports.Of("ipv6-mx-dead.test");
        var domain = Domain("ipv6-mx-dead.test");
        Assert.Equal("ok", (string?)domain["status"]);
        Assert.Equal(report.Score, (int?)domain["scoring"]!["percentage"]);
        Assert.Equal("failed", (string?)domain["results"]!["categories"]!["mail_ipv6"]!["status"]);
        Assert.Equal("failed", (string?)domain["results"]!["tests"]!["mail_ipv6_mx_reach"]!["status"]);
        Assert.Equal("bad", (string?)domain["results"]!["tests"]!["mail_ipv6_mx_reach"]!["verdict"]);
        Assert.Equal("passed", (string?)domain["results"]!["tests"]!["mail_ipv6_ns_address"]!["status"]);
        Assert.Equal("good", (string?)domain["results"]!["tests"]!["mail_ipv6_ns_address"]!["verdict"]);
    }

    [Fact]
    public void Only_internet_nl_sub_tests_are_listed()
    {
        var tests = Domain("dmarc-ext-missing.test")["results"]!["tests"]!.AsObject().Select(t => t.Key).ToList();
        Assert.DoesNotContain(tests, id => id.StartsWith("mailscan_", StringComparison.Ordinal));
        Assert.DoesNotContain("mail_auth_dmarc_ext_destination", tests);
        Assert.Contains("mail_auth_dmarc_policy", tests);
    }

    [Theory]
    [InlineData("nullmx.test", "null-mx", "no_mx")]
    [InlineData("nomx.test", "no-mx", "no_mx")]
    [InlineData("tls-421.test", "unreachable", "unreachable")]
    [InlineData("dane-ee.test", "passed", "ok")]
    public void The_starttls_verdict_and_testable_status_say_why_nothing_was_tested(string name, string verdict, string testable)
    {
        var domain = Domain(name);
        Assert.Equal(verdict, (string?)domain["results"]!["categories"]!["mail_starttls"]!["verdict"]);
        Assert.Equal(testable, (string?)domain["results"]!["custom"]!["mail_servers_testable_status"]);
    }

    [Theory]
    [InlineData("nomail.test", true)]
    [InlineData("dmarc-ext-missing.test", false)]
    [InlineData("nomx.test", false)]
    public void A_domain_that_sends_no_mail_is_named_as_internet_nl_defines_it(string name, bool nonSending) =>
        Assert.Equal(nonSending, (bool?)Domain(name)["results"]!["custom"]!["mail_non_sending_domain"]);

    [Theory]
    [InlineData(V1.Status.Passed, "passed", "passed", "good")]
    [InlineData(V1.Status.Failed, "failed", "failed", "bad")]
    [InlineData(V1.Status.Warning, "warning", "warning", "bad")]
    [InlineData(V1.Status.Info, "info", "info", "info")]
    [InlineData(V1.Status.NotTested, "info", "not_tested", "not-tested")]
    [InlineData(V1.Status.NotTestable, "error", "error", "could-not-test")]
    [InlineData(V1.Status.Error, "error", "error", "could-not-test")]
    public void Each_status_has_its_internet_nl_words(V1.Status status, string category, string test, string verdict)
    {
        Assert.Equal(category, InternetNlWords.CategoryStatus(status));
        Assert.Equal(test, InternetNlWords.TestStatus(status));
        Assert.Equal(verdict, InternetNlWords.TestVerdict(status));
    }

    [Fact]
    public void The_same_reports_give_the_same_document()
    {
        Assert.Equal(Document().ToJsonString(), InternetNlResults.From(CapturedReports.All.Reverse().ToList(), "lab").ToJsonString());
        Assert.Matches("^[a-f0-9]{32}$", (string?)Document()["request"]!["request_id"]);
    }
}
