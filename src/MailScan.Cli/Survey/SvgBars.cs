using System.Globalization;
using System.Text;
using MailScan.Cli.Stats;
using MailScan.Coordinator.Reports.Html;

namespace MailScan.Cli.Survey;

/// <summary>
/// The survey's charts as inline SVG, drawn from the numbers they stand beside: a bar split by
/// status, a bar of one share, a histogram. Each has a text alternative giving the same numbers.
/// </summary>
internal static class SvgBars
{
    /// <summary>The fill of each status (the contract's spelling) and the word the legend gives it.</summary>
    public static IReadOnlyList<(string Status, string Word, string Fill)> Palette { get; } =
    [
        ("PASSED", "Passed", "#2e7d32"),
        ("FAILED", "Failed", "#c62828"),
        ("WARNING", "Recommendation", "#e08a00"),
        ("INFO", "Information", "#1565c0"),
        ("NOT_TESTED", "Not tested", "#9e9e9e"),
        ("NOT_TESTABLE", "Not testable", "#795548"),
        ("ERROR", "Error", "#6a1b9a"),
    ];

    /// <summary>One bar, its width split by the share of each status of the row.</summary>
    public static string Stacked(AdoptionRow row, int width = 260, int height = 16)
    {
        var svg = new StringBuilder();
        var described = string.Join(", ", Palette.Where(p => row.ByStatus.GetValueOrDefault(p.Status) > 0).Select(p => $"{p.Word} {Percent(row.Percent(p.Status))} %"));
        svg.Append(Inv($"<svg width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{HtmlText.Encode(described)}\">"));
        var x = 0.0;
        foreach (var (status, word, fill) in Palette)
        {
            var w = width * row.Percent(status) / 100;
            if (w <= 0)
                continue;
            svg.Append(Inv($"<rect x=\"{x:0.##}\" y=\"0\" width=\"{w:0.##}\" height=\"{height}\" fill=\"{fill}\"><title>{word}: {Percent(row.Percent(status))} %</title></rect>"));
            x += w;
        }
        return svg.Append(Inv($"<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"none\" stroke=\"#1b1b1f\"/></svg>")).ToString();
    }

    /// <summary>One bar filled to <paramref name="percent"/> of its width.</summary>
    public static string Share(double percent, string fill = "#2e7d32", int width = 160, int height = 14) =>
        Inv($"<svg width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{Percent(percent)} %\">")
        + Inv($"<rect x=\"0\" y=\"0\" width=\"{width * Math.Clamp(percent, 0, 100) / 100:0.##}\" height=\"{height}\" fill=\"{fill}\"/>")
        + Inv($"<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"none\" stroke=\"#1b1b1f\"/></svg>");

    /// <summary>A histogram: a column per bin, its height the share, its label below and its value above.</summary>
    public static string Histogram(IReadOnlyList<string> bins, IReadOnlyList<double> percent, string title)
    {
        const int column = 52, plot = 180, top = 22, bottom = 40;
        var width = column * bins.Count + 10;
        var max = Math.Max(1, percent.Max());
        var svg = new StringBuilder(Inv($"<svg width=\"{width}\" height=\"{top + plot + bottom}\" viewBox=\"0 0 {width} {top + plot + bottom}\" role=\"img\" aria-labelledby=\"histogram-title\">"));
        svg.Append($"<title id=\"histogram-title\">{HtmlText.Encode(title)}: {string.Join(", ", bins.Select((b, i) => $"{b} %: {Percent(percent[i])} %"))}</title>");
        for (var i = 0; i < bins.Count; i++)
        {
            var h = plot * percent[i] / max;
            var x = 5 + i * column;
            svg.Append(Inv($"<rect x=\"{x + 6}\" y=\"{top + plot - h:0.##}\" width=\"{column - 12}\" height=\"{h:0.##}\" fill=\"#1565c0\"/>"));
            svg.Append(Inv($"<text x=\"{x + column / 2}\" y=\"{top + plot - h - 5:0.##}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1b1b1f\">{Percent(percent[i])}</text>"));
            svg.Append(Inv($"<text x=\"{x + column / 2}\" y=\"{top + plot + 16}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1b1b1f\">{HtmlText.Encode(bins[i])}</text>"));
        }
        svg.Append(Inv($"<line x1=\"5\" y1=\"{top + plot}\" x2=\"{width - 5}\" y2=\"{top + plot}\" stroke=\"#1b1b1f\"/>"));
        svg.Append(Inv($"<text x=\"{width / 2}\" y=\"{top + plot + 34}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1b1b1f\">score (%); above each column: % of the scored domains</text>"));
        return svg.Append("</svg>").ToString();
    }

    /// <summary>The legend of <see cref="Stacked"/>: a swatch and the word of each status.</summary>
    public static string Legend() =>
        "<ul class=\"legend\">" + string.Concat(Palette.Select(p => $"<li><span class=\"swatch\" style=\"background:{p.Fill}\"></span>{p.Word}</li>")) + "</ul>";

    public static string Percent(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Inv(FormattableString text) => FormattableString.Invariant(text);
}
