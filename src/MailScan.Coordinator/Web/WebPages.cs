using System.Text;
using MailScan.Checks.Verdicts;
using MailScan.Coordinator.Reports.Html;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Coordinator.Web;

/// <summary>The pages of the web face: the form (with a problem to show, if any) and a stored report. Pure.</summary>
public static class WebPages
{
    /// <summary>The form for a domain name (and an API key when the coordinator asks for one), with slots the live script fills as categories complete.</summary>
    public static string Form(bool askKey, string domain = "", string? problem = null)
    {
        var body = new StringBuilder();
        body.Append("<h1 tabindex=\"-1\">Mail test</h1>");
        body.Append("<p>How well is the email of a domain protected? The test checks the five categories of the Internet.nl mail test: IPv6, DNSSEC, DMARC/DKIM/SPF, STARTTLS with DANE, and RPKI.</p>");
        body.Append("<form class=\"scan\" method=\"post\" action=\"/web/scan\">");
        body.Append($"<label for=\"domain\">Domain name<input id=\"domain\" name=\"domain\" type=\"text\" required autocomplete=\"off\" spellcheck=\"false\" placeholder=\"example.nl\" value=\"{HtmlText.Encode(domain)}\"></label>");
        if (askKey)
            body.Append("<label for=\"key\">API key<input id=\"key\" name=\"key\" type=\"password\" required autocomplete=\"off\"></label>");
        body.Append("<button type=\"submit\">Test</button>");
        body.Append("</form>");
        body.Append("<div id=\"results\" aria-live=\"polite\">");
        if (problem is not null)
            body.Append($"<p class=\"problem\" role=\"alert\">{HtmlText.Encode(problem)}</p>");
        body.Append("</div>");
        body.Append("<template id=\"pending\">");
        foreach (var id in CategoryIds.All)
            body.Append($"<section class=\"category pending\" data-category=\"{id}\"><h2>{HtmlText.Encode(CategoryIds.Heading(id))}</h2><p>Being tested\u2026</p></section>");
        body.Append("</template>");
        return HtmlPage.Of("Mail test", body.ToString(), WebEndpoints.ScriptPath);
    }

    /// <summary>The body of a stored report's page: the report with its permalink, and the way back to the form.</summary>
    public static string ReportBody(V1.DomainReport report, string permalink) =>
        ReportHtml.Of(report, permalink) + "<p><a href=\"/\">Test another domain</a></p>";

    public static string Report(V1.DomainReport report, string permalink) =>
        HtmlPage.Of($"Mail test of {report.Domain}", ReportBody(report, permalink));

    public static string NotFound() =>
        HtmlPage.Of("Report not found", "<h1>Report not found</h1><p>This coordinator keeps no report under that link: it may have been replaced by newer ones, or the coordinator restarted.</p><p><a href=\"/\">Test a domain</a></p>");
}
