using System.Globalization;
using System.Text;
using MailScan.Checks.Verdicts;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Coordinator.Reports.Html;

/// <summary>A whole report as the body of a page: domain, overall score, the permalink, the categories in report order, what the scan took.</summary>
public static class ReportHtml
{
    public static string Of(V1.DomainReport report, string? permalink)
    {
        var html = new StringBuilder();
        html.Append($"<h1>Mail test of {HtmlText.Encode(report.Domain)}</h1>");
        if (report.Error.Length > 0)
            html.Append($"<p class=\"problem\" role=\"alert\">The domain could not be scanned: {HtmlText.Encode(report.Error)}</p>");
        html.Append($"<p class=\"overall\">Overall score: <strong data-score>{HtmlText.Encode(ScoreText.Of(report.Score, report.ScoreNote))}</strong></p>");
        if (permalink is not null)
            html.Append($"<p>Permalink: <a class=\"permalink\" href=\"{HtmlText.Encode(permalink)}\">{HtmlText.Encode(permalink)}</a> (<a href=\"{HtmlText.Encode(permalink)}.json\">JSON</a>)</p>");
        foreach (var category in InReportOrder(report.Categories))
            html.Append(CategoryHtml.Of(category));
        var seconds = report.Elapsed?.ToTimeSpan().TotalSeconds ?? 0;
        var started = report.StartedAt?.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "-";
        html.Append(FormattableString.Invariant(
            $"<p class=\"muted\">Scanned at {started} in {seconds:0.0} s with {report.Probes.Count} probes ({report.Probes.Count(p => p.Reused)} reused), mailscan {HtmlText.Encode(report.ScannerVersion)}.</p>"));
        return html.ToString();
    }

    /// <summary>Categories in the order of <see cref="CategoryIds.All"/>; any other after them, as they came.</summary>
    public static IEnumerable<V1.CategoryResult> InReportOrder(IEnumerable<V1.CategoryResult> categories) =>
        categories.Select((c, i) => (c, Order: CategoryIds.All.Contains(c.Id) ? CategoryIds.All.TakeWhile(id => id != c.Id).Count() : CategoryIds.All.Count + i))
                  .OrderBy(x => x.Order).Select(x => x.c);
}
