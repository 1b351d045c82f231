using System.Text;
using MailScan.Checks.Verdicts;
using MailScan.Cli.Stats;
using MailScan.Coordinator.Reports;
using MailScan.Coordinator.Reports.Html;
using static MailScan.Cli.Survey.SvgBars;

namespace MailScan.Cli.Survey;

/// <summary>
/// The survey report: one HTML file with its style inline and its charts as SVG, so it opens
/// anywhere without a network. Every chart stands beside the numbers it is drawn from.
/// </summary>
internal static class SurveyHtml
{
    private const int ProviderRows = 10;

    public static string Of(string name, SurveyData data, (string Name, SurveyData Data)? old)
    {
        var adoption = data.Adoption;
        var body = new StringBuilder();
        body.Append($"<h1>Mail survey: {HtmlText.Encode(name)}</h1>");
        body.Append($"<p id=\"summary\" data-domains=\"{adoption.Domains}\" data-failed=\"{adoption.Failed}\" data-server-sets=\"{adoption.UniqueServerSets}\">");
        body.Append($"{adoption.Domains} domains scanned, {adoption.Failed} could not be scanned{(data.Skipped.Count > 0 ? $", {data.Skipped.Count} lines of the file unreadable" : string.Empty)}; ");
        body.Append($"{adoption.UniqueServerSets} unique mail servers (domains whose MX hosts have the same addresses count as one).</p>");
        body.Append("<p>Contents: <a href=\"#over-domains\">adoption over domains</a>, <a href=\"#over-servers\">over unique mail servers</a>, <a href=\"#scores\">scores</a>, <a href=\"#providers\">mail providers</a>, <a href=\"#dnssec-dane\">DNSSEC and DANE</a>, <a href=\"#rpki\">RPKI</a>");
        body.Append(old is null ? ".</p>" : ", <a href=\"#changes\">what changed</a>.</p>");
        Adoption(body, "over-domains", $"Adoption over {adoption.Domains} domains", adoption.OverDomains());
        Adoption(body, "over-servers", $"Adoption over {adoption.UniqueServerSets} unique mail servers", adoption.OverMailServers());
        Scores(body, data.Scores);
        Providers(body, data.Providers);
        DnssecAndDane(body, adoption);
        Routes(body, data.Routes);
        if (old is { } previous)
            SurveyComparison.Append(body, previous.Name, previous.Data, data);
        return HtmlPage.Of($"Mail survey: {name}", body.ToString());
    }

    /// <summary>Per category, then its sub-tests: the bar by status, then each status's share with the count it is taken over.</summary>
    private static void Adoption(StringBuilder body, string id, string title, IReadOnlyList<AdoptionRow> rows)
    {
        body.Append($"<h2 id=\"{id}\">{HtmlText.Encode(title)}</h2>");
        body.Append("<p>Per category and sub-test: the share of each status, in %. The bar shows the same shares.</p>");
        body.Append(Legend());
        body.Append($"<table class=\"adoption\" data-table=\"{id}\"><thead><tr><th scope=\"col\">Category / sub-test</th><th scope=\"col\" class=\"num\">n</th><th scope=\"col\">Chart</th>");
        foreach (var (_, word, _) in Palette)
            body.Append($"<th scope=\"col\" class=\"num\">{word} %</th>");
        body.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            var label = row.IsCategory ? $"<strong>{HtmlText.Encode(CategoryIds.Heading(row.Id))}</strong>" : $"{HtmlText.Encode(SubtestLabels.Of(row.Id).Section)}: {HtmlText.Encode(SubtestLabels.Of(row.Id).Label)}";
            var counts = string.Concat(Palette.Select(p => $" data-{p.Status.ToLowerInvariant().Replace('_', '-')}=\"{row.ByStatus.GetValueOrDefault(p.Status)}\""));
            body.Append($"<tr data-row=\"{HtmlText.Encode(row.Id)}\" data-kind=\"{(row.IsCategory ? "category" : "subtest")}\" data-counted=\"{row.Counted}\"{counts}>");
            body.Append($"<th scope=\"row\">{label} <span class=\"muted\">{HtmlText.Encode(row.Id)}</span></th><td class=\"num\">{row.Counted}</td><td>{Stacked(row)}</td>");
            foreach (var (status, _, _) in Palette)
                body.Append($"<td class=\"num\">{Percent(row.Percent(status))}</td>");
            body.Append("</tr>");
        }
        body.Append("</tbody></table>");
    }

    private static void Scores(StringBuilder body, ScoreDistribution scores)
    {
        body.Append("<h2 id=\"scores\">Scores</h2>");
        var rows = scores.Rows();
        if (rows.FirstOrDefault(r => r.Name == "overall") is { Name: not null } overall)
        {
            body.Append($"<p>Overall score of the {overall.Scored} scored domains (mean {Percent(overall.Mean)} %; {overall.Unscored} without a score):</p>");
            body.Append($"<div class=\"chart\">{Histogram([.. ScoreDistribution.Bins], overall.Percent, "Overall score, % of the scored domains per band")}</div>");
        }
        body.Append("<table class=\"scores\"><thead><tr><th scope=\"col\">Score</th><th scope=\"col\" class=\"num\">scored</th><th scope=\"col\" class=\"num\">none</th><th scope=\"col\" class=\"num\">mean</th>");
        foreach (var bin in ScoreDistribution.Bins)
            body.Append($"<th scope=\"col\" class=\"num\">{bin} %</th>");
        body.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            var name = row.Name == "overall" ? "Overall" : CategoryIds.Heading(row.Name);
            body.Append($"<tr data-row=\"{HtmlText.Encode(row.Name)}\"><th scope=\"row\">{HtmlText.Encode(name)}</th><td class=\"num\">{row.Scored}</td><td class=\"num\">{row.Unscored}</td><td class=\"num\">{Percent(row.Mean)}</td>");
            body.Append(string.Concat(row.Percent.Select(p => $"<td class=\"num\">{Percent(p)}</td>")));
            body.Append("</tr>");
        }
        body.Append("</tbody></table>");
    }

    private static void Providers(StringBuilder body, MailProviders providers)
    {
        body.Append("<h2 id=\"providers\">Largest mail providers</h2>");
        body.Append($"<p>The {ProviderRows} largest groups of domains whose MX hosts share the same addresses, named by what their MX names have in common; per category the share of its domains that passed.</p>");
        body.Append("<table class=\"providers\"><thead><tr><th scope=\"col\">Provider (MX names)</th><th scope=\"col\" class=\"num\">domains</th><th scope=\"col\">addresses</th><th scope=\"col\" class=\"num\">mean score</th>");
        foreach (var id in MailProviders.Categories)
            body.Append($"<th scope=\"col\">{HtmlText.Encode(CategoryIds.Heading(id))}: passed</th>");
        body.Append("</tr></thead><tbody>");
        foreach (var provider in providers.Largest(ProviderRows))
        {
            body.Append($"<tr data-provider=\"{HtmlText.Encode(provider.Name)}\" data-domains=\"{provider.Domains}\"><th scope=\"row\">{HtmlText.Encode(provider.Name)}</th><td class=\"num\">{provider.Domains}</td>");
            body.Append($"<td>{HtmlText.Encode(provider.Addresses.Replace(" ", ", ", StringComparison.Ordinal))}</td><td class=\"num\">{Percent(provider.MeanScore)}</td>");
            foreach (var id in MailProviders.Categories)
                body.Append($"<td>{Share(provider.PercentPassed(id), width: 80)} {Percent(provider.PercentPassed(id))} %</td>");
            body.Append("</tr>");
        }
        body.Append("</tbody></table>");
    }

    /// <summary>The sub-tests that say whether a domain's names are signed and whether its mail servers publish DANE, as shares passed.</summary>
    private static void DnssecAndDane(StringBuilder body, AdoptionTable adoption)
    {
        (string Id, string What)[] measures =
        [
            ("mail_dnssec_mailto_exist", "The email address domain is signed"),
            ("mail_dnssec_mailto_valid", "Its signatures validate"),
            ("mail_dnssec_mx_exist", "The mail server domains are signed"),
            ("mail_dnssec_mx_valid", "Their signatures validate"),
            ("mail_starttls_dane_exist", "The mail servers publish DANE (TLSA)"),
            ("mail_starttls_dane_valid", "The DANE records match the certificates"),
            ("mail_starttls_dane_rollover", "A DANE rollover scheme is in place"),
        ];
        body.Append("<h2 id=\"dnssec-dane\">DNSSEC and DANE</h2>");
        body.Append("<table class=\"dnssec-dane\"><thead><tr><th scope=\"col\">Measure (sub-test passed)</th><th scope=\"col\">over domains</th><th scope=\"col\">over unique mail servers</th></tr></thead><tbody>");
        var domains = adoption.OverDomains().ToDictionary(r => r.Id, StringComparer.Ordinal);
        var servers = adoption.OverMailServers().ToDictionary(r => r.Id, StringComparer.Ordinal);
        foreach (var (id, what) in measures.Where(m => domains.ContainsKey(m.Id)))
        {
            body.Append($"<tr data-row=\"{id}\"><th scope=\"row\">{HtmlText.Encode(what)} <span class=\"muted\">{id}</span></th>");
            foreach (var rows in new[] { domains, servers })
            {
                var share = rows.TryGetValue(id, out var row) ? row.Percent("PASSED") : 0;
                body.Append($"<td>{Share(share)} {Percent(share)} % <span class=\"muted\">of {row?.Counted ?? 0}</span></td>");
            }
            body.Append("</tr>");
        }
        body.Append("</tbody></table>");
    }

    private static void Routes(StringBuilder body, RouteOriginStates routes)
    {
        var states = routes.States();
        body.Append("<h2 id=\"rpki\">RPKI: route origin states</h2>");
        body.Append("<p>Each unique address counted once, with the RFC 6811 state of the route that carries it.</p>");
        body.Append("<table class=\"rpki\"><thead><tr><th scope=\"col\">Servers</th><th scope=\"col\" class=\"num\">addresses</th>");
        foreach (var state in states)
            body.Append($"<th scope=\"col\">{HtmlText.Encode(state)}</th>");
        body.Append("</tr></thead><tbody>");
        foreach (var (id, group) in RouteOriginStates.Groups)
        {
            var counts = routes.Counts(id);
            var total = counts.Values.Sum();
            body.Append($"<tr data-row=\"{id}\"><th scope=\"row\">{HtmlText.Encode(group)}</th><td class=\"num\">{total}</td>");
            foreach (var state in states)
            {
                var share = total == 0 ? 0 : 100.0 * counts.GetValueOrDefault(state) / total;
                var fill = state switch { "valid" => "#2e7d32", "invalid" => "#c62828", _ => "#9e9e9e" };
                body.Append($"<td>{Share(share, fill, 80)} {counts.GetValueOrDefault(state)} ({Percent(share)} %)</td>");
            }
            body.Append("</tr>");
        }
        body.Append("</tbody></table>");
    }
}
