using MailScan.Cli.Survey;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Cli.Tests.Survey;

/// <summary>The survey report from captured lab reports: rows with the counts they chart, providers by shared addresses, and nothing from a report becoming markup.</summary>
public sealed class SurveyHtmlTests
{
    private static SurveyData Of(IEnumerable<V1.DomainReport> reports)
    {
        var data = new SurveyData();
        foreach (var report in reports)
            data.Add(report);
        return data;
    }

    [Fact]
    public void Each_category_row_carries_the_counts_its_bar_is_drawn_from()
    {
        var html = SurveyHtml.Of("lab", Of(CapturedReports.All), null);

        foreach (var id in Checks.Verdicts.CategoryIds.All)
        {
            var passed = CapturedReports.All.Count(r => r.Categories.Any(c => c.Id == id && c.Status == V1.Status.Passed));
            var counted = CapturedReports.All.Count(r => r.Error.Length == 0 && r.Categories.Any(c => c.Id == id));
            Assert.Contains($"<tr data-row=\"{id}\" data-kind=\"category\" data-counted=\"{counted}\" data-passed=\"{passed}\"", html);
        }
    }

    [Fact]
    public void Domains_on_the_same_mail_addresses_make_one_provider_named_by_their_common_suffix()
    {
        var providers = new MailProviders();
        foreach (var name in new[] { "a-example.mail.hoster.test", "b-example.mail.hoster.test", "c-example.mail.hoster.test" })
            providers.Add(Report(name, "192.0.2.25"));
        providers.Add(Report("mx.alone.test", "192.0.2.99"));

        var largest = providers.Largest(10);

        Assert.Equal(("*.mail.hoster.test", 3L), (largest[0].Name, largest[0].Domains));
        Assert.Equal(("mx.alone.test", 1L), (largest[1].Name, largest[1].Domains));
    }

    [Fact]
    public void A_domain_name_with_markup_is_shown_as_text()
    {
        var hostile = Report("mx.<img src=x onerror=alert(1)>.test", "192.0.2.25");

        var html = SurveyHtml.Of("<b>survey</b>", Of([hostile]), null);

        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<b>survey", html);
    }

    [Fact]
    public void The_comparison_counts_the_domains_that_began_passing()
    {
        var old = Of([Report("mx.a.test", "192.0.2.1", V1.Status.Failed), Report("mx.b.test", "192.0.2.2", V1.Status.Passed)]);
        var now = Of([Report("mx.a.test", "192.0.2.1", V1.Status.Passed), Report("mx.b.test", "192.0.2.2", V1.Status.Passed), Report("mx.c.test", "192.0.2.3", V1.Status.Passed)]);

        var html = SurveyHtml.Of("now", now, ("old", old));

        Assert.Contains("data-both=\"2\" data-new=\"1\" data-gone=\"0\"", html);
        Assert.Contains("<tr data-row=\"mail_ipv6\" data-began=\"1\" data-stopped=\"0\">", html);
        Assert.Contains("up 50.0 points", html);
    }

    private static V1.DomainReport Report(string mx, string address, V1.Status status = V1.Status.Passed)
    {
        var report = new V1.DomainReport { Domain = mx.Split('.')[1] + ".test", Score = status == V1.Status.Passed ? 100 : 0, Servers = new V1.MailServers() };
        report.Servers.Mx.Add(new V1.Host { Name = mx, Ipv4 = { address } });
        report.Categories.Add(new V1.CategoryResult { Id = "mail_ipv6", Status = status, Tests = { new V1.SubtestResult { Id = "mail_ipv6_mx_address", Status = status } } });
        return report;
    }
}
