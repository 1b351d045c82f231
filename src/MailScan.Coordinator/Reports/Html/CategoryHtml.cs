using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Coordinator.Reports.Html;

/// <summary>
/// One category of the report as HTML, in the text report's layout: the verdict and heading, the
/// score, what the verdict means, then the sub-tests under their sections, each with its status,
/// label, reason and technical table. Pure; every text passes <see cref="HtmlText.Encode"/>.
/// The data attributes name ids and statuses in the contract's spelling, for scripts and tests.
/// </summary>
public static class CategoryHtml
{
    public static string Of(V1.CategoryResult category)
    {
        var html = new StringBuilder();
        var id = HtmlText.Encode(category.Id);
        html.Append($"<section class=\"category\" id=\"{id}\" data-category=\"{id}\" data-status=\"{ContractStatus.Name(category.Status)}\" aria-labelledby=\"h-{id}\">");
        html.Append($"<h2 id=\"h-{id}\">{StatusBadge.Html(category.Status)} {HtmlText.Encode(category.Heading)}</h2>");
        html.Append($"<p class=\"score\">Score: <span data-score>{HtmlText.Encode(ScoreText.Of(category.Score, category.ScoreNote))}</span></p>");
        html.Append($"<p>{HtmlText.Encode(category.Summary)}</p>");
        if (category.StatusNote.Length > 0)
            html.Append($"<p class=\"note\">({HtmlText.Encode(category.StatusNote)})</p>");
        foreach (var server in category.StrictServers)
            html.Append($"<p class=\"note\" data-strict-server=\"{HtmlText.Encode(server.Address)}\">{HtmlText.Encode(StrictServerText.Of(server))}</p>");
        foreach (var (section, tests) in SubtestLabels.Group(category.Tests, t => t.Id))
        {
            html.Append($"<h3>{HtmlText.Encode(section)}</h3>");
            foreach (var test in tests)
                Subtest(html, test);
        }
        return html.Append("</section>").ToString();
    }

    private static void Subtest(StringBuilder html, V1.SubtestResult test)
    {
        var id = HtmlText.Encode(test.Id);
        html.Append($"<div class=\"subtest\" data-subtest=\"{id}\" data-status=\"{ContractStatus.Name(test.Status)}\">");
        html.Append($"<h4>{StatusBadge.Html(test.Status)} {HtmlText.Encode(SubtestLabels.Of(test.Id).Label)}</h4>");
        if (test.Reason.Length > 0)
            html.Append($"<p>{HtmlText.Encode(test.Reason)}</p>");
        if (TechnicalTables.From(Details(test), test.Reason) is { } table)
            Table(html, table);
        html.Append("</div>");
    }

    private static void Table(StringBuilder html, TechnicalTable table)
    {
        html.Append("<table><thead><tr>");
        foreach (var header in table.Headers)
            html.Append($"<th scope=\"col\">{HtmlText.Encode(header)}</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            for (var c = 0; c < table.Headers.Count; c++)
                html.Append($"<td>{HtmlText.Encode(c < row.Count ? row[c] : string.Empty)}</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
    }

    private static JsonObject? Details(V1.SubtestResult test) =>
        test.Details is null ? null : JsonNode.Parse(JsonFormatter.Default.Format(test.Details)) as JsonObject;
}
