using System.Globalization;
using System.Text;
using MailScan.Checks.Verdicts;
using MailScan.Coordinator.Reports;
using MailScan.Coordinator.Reports.Html;
using static MailScan.Cli.Survey.SvgBars;

namespace MailScan.Cli.Survey;

/// <summary>
/// What changed between two surveys (--compare OLD.jsonl): which domains came and went, the share
/// passed of every category and sub-test then and now, the mean scores, and per category how many
/// domains of both surveys began or stopped passing. A change is told by a word and a sign, not by colour only.
/// </summary>
internal static class SurveyComparison
{
    public static void Append(StringBuilder body, string oldName, SurveyData old, SurveyData now)
    {
        var both = now.Domains.Keys.Where(old.Domains.ContainsKey).ToList();
        body.Append("<h2 id=\"changes\">What changed</h2>");
        body.Append($"<p id=\"changes-summary\" data-both=\"{both.Count}\" data-new=\"{now.Domains.Count - both.Count}\" data-gone=\"{old.Domains.Count - both.Count}\">");
        body.Append($"Compared with {HtmlText.Encode(oldName)}: {both.Count} domains in both surveys, {now.Domains.Count - both.Count} new, {old.Domains.Count - both.Count} no longer there (or not scanned).");
        var (oldMean, nowMean) = (Mean(old), Mean(now));
        body.Append($" Mean overall score: {Percent(oldMean)} % then, {Percent(nowMean)} % now ({Change(nowMean - oldMean, "points")}).</p>");

        body.Append("<h3>Passed, then and now (over domains)</h3>");
        body.Append("<table class=\"changes\"><thead><tr><th scope=\"col\">Category / sub-test</th><th scope=\"col\" class=\"num\">then %</th><th scope=\"col\" class=\"num\">now %</th><th scope=\"col\">change</th></tr></thead><tbody>");
        var then = old.Adoption.OverDomains().ToDictionary(r => r.Id, StringComparer.Ordinal);
        foreach (var row in now.Adoption.OverDomains())
        {
            var before = then.TryGetValue(row.Id, out var previous) ? previous.Percent("PASSED") : (double?)null;
            var label = row.IsCategory ? $"<strong>{HtmlText.Encode(CategoryIds.Heading(row.Id))}</strong>" : HtmlText.Encode($"{SubtestLabels.Of(row.Id).Section}: {SubtestLabels.Of(row.Id).Label}");
            body.Append($"<tr data-row=\"{HtmlText.Encode(row.Id)}\"><th scope=\"row\">{label}</th><td class=\"num\">{(before is { } b ? Percent(b) : "-")}</td><td class=\"num\">{Percent(row.Percent("PASSED"))}</td>");
            body.Append($"<td>{(before is { } was ? Change(row.Percent("PASSED") - was, "points") : "new sub-test")}</td></tr>");
        }
        body.Append("</tbody></table>");

        body.Append("<h3>Domains in both surveys that began or stopped passing</h3>");
        body.Append("<table class=\"movers\"><thead><tr><th scope=\"col\">Category</th><th scope=\"col\" class=\"num\">began passing</th><th scope=\"col\" class=\"num\">stopped passing</th></tr></thead><tbody>");
        foreach (var id in CategoryIds.All)
        {
            var began = both.Count(d => Passed(old, d, id) == false && Passed(now, d, id) == true);
            var stopped = both.Count(d => Passed(old, d, id) == true && Passed(now, d, id) == false);
            body.Append($"<tr data-row=\"{id}\" data-began=\"{began}\" data-stopped=\"{stopped}\"><th scope=\"row\">{HtmlText.Encode(CategoryIds.Heading(id))}</th><td class=\"num\">{began}</td><td class=\"num\">{stopped}</td></tr>");
        }
        body.Append("</tbody></table>");
    }

    private static bool? Passed(SurveyData data, string domain, string category) =>
        data.Domains[domain].TryGetValue(category, out var status) ? status == "PASSED" : null;

    private static double Mean(SurveyData data) => data.Scores.Rows().FirstOrDefault(r => r.Name == "overall").Mean;

    /// <summary>"▲ up 3.5 points", "▼ down 1.0 points", "no change".</summary>
    private static string Change(double delta, string unit)
    {
        var size = Math.Abs(delta).ToString("0.0", CultureInfo.InvariantCulture);
        return Math.Round(delta, 1) switch
        {
            > 0 => $"<span class=\"up\"><span aria-hidden=\"true\">\u25b2</span> up {size} {unit}</span>",
            < 0 => $"<span class=\"down\"><span aria-hidden=\"true\">\u25bc</span> down {size} {unit}</span>",
            _ => "no change",
        };
    }
}
