using System.Text.Json.Nodes;
using MailScan.Lab.Tests.Support.Browser;

namespace MailScan.Lab.Tests.Browser;

/// <summary>
/// The web page of `mailscan serve --web` in headless Chromium, scanning a lab domain: without
/// its script (the only script the page has; axe-core needs the browser's JavaScript, so the
/// script is blocked rather than JavaScript switched off) the form leads to the finished report's permalink; with it each category streams
/// in before the report. Either way the page shows every category and every sub-test with the
/// status of the JSON report behind the permalink, and axe-core finds no violation.
/// </summary>
public sealed class WebPageBrowserTests
{
    private const string Domain = "ipv6-mx-dead.test";
    private static readonly string[] Categories = ["mail_ipv6", "mail_dnssec", "mail_auth", "mail_starttls", "mail_rpki"];

    [Fact]
    public async Task Without_its_script_the_form_leads_to_the_whole_report_under_its_permalink()
    {
        await using var server = await WebPageServer.StartAsync("54.1");
        await using var browser = await HeadlessChromium.StartAsync(blockedUrls: ["*/web/live.js"]);
        await browser.OpenAsync(server.Url + "/");
        Assert.Null(await browser.EvaluateAsync("document.querySelector('form.scan').dataset.live"));
        Assert.Empty(await AxeCore.ViolationsAsync(browser));

        await browser.EvaluateAsync($"document.getElementById('domain').value = '{Domain}'; document.querySelector('form.scan').submit(); true");
        await browser.WaitForAsync("location.pathname.startsWith('/web/report/') && document.readyState === 'complete'", TimeSpan.FromMinutes(3));

        await AssertShowsTheJsonReportAsync(browser);
        Assert.Empty(await AxeCore.ViolationsAsync(browser));
        await browser.ScreenshotAsync(Screenshots.PathOf("web-report.png"));
        Screenshots.Publish("web-report.png");
    }

    [Fact]
    public async Task With_javascript_each_category_streams_in_before_the_report_replaces_the_page()
    {
        await using var server = await WebPageServer.StartAsync("54.2");
        await using var browser = await HeadlessChromium.StartAsync();
        await browser.OpenAsync(server.Url + "/");
        await browser.WaitForAsync("document.querySelector('form.scan').dataset.live === 'on'", TimeSpan.FromSeconds(10));

        await browser.EvaluateAsync($"document.getElementById('domain').value = '{Domain}'; document.querySelector('form.scan button').click(); true");
        await browser.WaitForAsync("document.querySelector('main').dataset.streamed !== undefined", TimeSpan.FromMinutes(3));

        Assert.Equal("5", (string?)await browser.EvaluateAsync("document.querySelector('main').dataset.streamed"));
        Assert.StartsWith("/web/report/", (string?)await browser.EvaluateAsync("location.pathname"));
        await AssertShowsTheJsonReportAsync(browser);
        Assert.Empty(await AxeCore.ViolationsAsync(browser));
    }

    /// <summary>The page shows the report its permalink names: each category and sub-test, with the status of the permalink's JSON.</summary>
    private static async Task AssertShowsTheJsonReportAsync(HeadlessChromium browser)
    {
        var location = (string)(await browser.EvaluateAsync("location.href"))!;
        using var http = new HttpClient();
        var report = JsonNode.Parse(await http.GetStringAsync(location + ".json"))!.AsObject();
        Assert.Equal(Domain, (string?)report["domain"]);
        var expected = report["categories"]!.AsArray().SelectMany(c => new[] { $"{c!["id"]}={c["status"]}" }
            .Concat(c["tests"]!.AsArray().Select(t => $"{t!["id"]}={t["status"]}"))).Order().ToList();
        var shown = (await browser.EvaluateAsync(
            "[...document.querySelectorAll('[data-category]')].map(c => c.dataset.category + '=' + c.dataset.status)" +
            ".concat([...document.querySelectorAll('[data-subtest]')].map(t => t.dataset.subtest + '=' + t.dataset.status))"))!.AsArray()
            .Select(s => (string)s!).Order().ToList();
        Assert.Equal(expected, shown);
        Assert.Equal(Categories, report["categories"]!.AsArray().Select(c => (string)c!["id"]!));
        // The word of each status is on the page, not only its colour.
        var words = (await browser.EvaluateAsync("[...document.querySelectorAll('[data-subtest] h4 .badge')].map(b => b.textContent.trim())"))!.AsArray().Select(w => (string)w!).ToList();
        Assert.All(words, w => Assert.Matches(@"^\S (Passed|Failed|Recommendation|Information|Not tested|Not testable|Error)$", w));
        Assert.Equal(0, (await browser.EvaluateAsync("document.querySelectorAll('.pending').length"))!.GetValue<double>());
    }
}
