using MailScan.Coordinator.Reports;
using MailScan.Coordinator.Reports.Html;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Coordinator.Tests.Reports.Html;

/// <summary>The report as HTML, from captured lab reports: every sub-test with its status as a word and a symbol, and text from servers never becoming markup.</summary>
public sealed class CategoryHtmlTests
{
    [Fact]
    public void Every_subtest_of_a_captured_report_has_its_status_word_symbol_and_label()
    {
        foreach (var report in CapturedReports.All)
        {
            var html = ReportHtml.Of(report, "/web/report/abc");
            foreach (var test in report.Categories.SelectMany(c => c.Tests))
            {
                var badge = StatusBadge.Html(test.Status);
                Assert.Contains($"data-subtest=\"{test.Id}\" data-status=\"{ContractStatus.Name(test.Status)}\"><h4>{badge} {HtmlText.Encode(SubtestLabels.Of(test.Id).Label)}</h4>", html);
            }
        }
    }

    [Fact]
    public void Categories_come_in_report_order_whatever_order_they_completed_in()
    {
        var report = CapturedReports.All[0].Clone();
        var reversed = report.Categories.Reverse().ToList();
        report.Categories.Clear();
        report.Categories.AddRange(reversed);

        var html = ReportHtml.Of(report, null);

        var positions = Checks.Verdicts.CategoryIds.All.Select(id => html.IndexOf($"data-category=\"{id}\"", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void A_reason_with_markup_and_control_characters_is_shown_as_text()
    {
        var category = new V1.CategoryResult { Id = "mail_auth", Heading = "Authenticity", Status = V1.Status.Failed, Summary = "s" };
        category.Tests.Add(new V1.SubtestResult { Id = "mail_auth_spf_exist", Status = V1.Status.Failed, Reason = "v=spf1 <script>alert(1)</script> \u202e\u001b[2J" });

        var html = CategoryHtml.Of(category);

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; \\u202E\\x1B[2J", html);
    }

    [Theory]
    [InlineData(V1.Status.Passed, "Passed")]
    [InlineData(V1.Status.Failed, "Failed")]
    [InlineData(V1.Status.Warning, "Recommendation")]
    [InlineData(V1.Status.NotTestable, "Not testable")]
    public void A_badge_carries_the_word_and_a_symbol_not_colour_alone(V1.Status status, string word)
    {
        var badge = StatusBadge.Html(status);

        Assert.Contains($"</span> {word}</span>", badge);
        Assert.Contains($"<span aria-hidden=\"true\">{StatusBadge.Symbol(status)}</span>", badge);
        Assert.Equal(7, Enum.GetValues<V1.Status>().Where(s => s != V1.Status.Unspecified).Select(StatusBadge.Symbol).Distinct().Count());
    }

    [Fact]
    public void A_strict_server_gets_its_sentence_as_a_note_and_an_ordinary_report_none()
    {
        var category = CapturedReports.All[0].Categories.Single(c => c.Id == "mail_starttls").Clone();
        Assert.DoesNotContain("data-strict-server", CategoryHtml.Of(category));

        category.StrictServers.Add(new V1.StrictServer { Mx = "mx.strict.test", Address = "192.0.2.25", Why = "a greeting after up to 8.0 s", Connections = 15 });

        Assert.Contains("<p class=\"note\" data-strict-server=\"192.0.2.25\">mx.strict.test (192.0.2.25) is a strict mail server: a greeting after up to 8.0 s.", CategoryHtml.Of(category));
    }
}
