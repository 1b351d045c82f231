using MailScan.Coordinator.Web;

namespace MailScan.Coordinator.Tests.Web;

/// <summary>The form page: a labelled field per input, the key field only where keys are asked, a problem shown as an alert and as text.</summary>
public sealed class WebPagesTests
{
    [Fact]
    public void An_open_coordinator_asks_for_the_domain_only()
    {
        var page = WebPages.Form(askKey: false);

        Assert.Contains("<label for=\"domain\">Domain name<input id=\"domain\" name=\"domain\"", page);
        Assert.DoesNotContain("name=\"key\"", page);
        Assert.Contains($"<script src=\"{WebEndpoints.ScriptPath}\" defer></script>", page);
    }

    [Fact]
    public void A_coordinator_with_keys_asks_for_one_in_a_password_field()
    {
        var page = WebPages.Form(askKey: true);

        Assert.Contains("<label for=\"key\">API key<input id=\"key\" name=\"key\" type=\"password\"", page);
    }

    [Fact]
    public void The_domain_typed_and_the_problem_come_back_as_text()
    {
        var page = WebPages.Form(false, "\"><script>x</script>", "bad <b>name</b>");

        Assert.DoesNotContain("<script>x", page);
        Assert.DoesNotContain("<b>name", page);
        Assert.Contains("<p class=\"problem\" role=\"alert\">bad &lt;b&gt;name&lt;/b&gt;</p>", page);
    }

    [Fact]
    public void A_slot_waits_for_every_category_in_report_order()
    {
        var page = WebPages.Form(false);

        var slots = Checks.Verdicts.CategoryIds.All.Select(id => page.IndexOf($"class=\"category pending\" data-category=\"{id}\"", StringComparison.Ordinal)).ToList();
        Assert.All(slots, s => Assert.True(s > 0));
        Assert.Equal(slots.Order(), slots);
    }
}
