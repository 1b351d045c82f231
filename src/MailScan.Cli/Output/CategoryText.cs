using System.Text.Json.Nodes;
using Google.Protobuf;
using MailScan.Coordinator.Reports;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Cli.Output;

/// <summary>
/// One category of the text report, as lines: the verdict and heading, the paragraph that says
/// what the verdict means, then the sub-tests under their sections, each with its status, label,
/// reason and technical table. Pure: the same category and style give the same lines.
/// </summary>
internal static class CategoryText
{
    private const string Reset = "\u001b[0m";
    private const int SectionIndent = 2;
    private const int TestIndent = 4;
    private const int TableIndent = TestIndent + 2;
    private static readonly int LabelIndent = TestIndent + StatusWords.Width + 2;

    public static IEnumerable<string> Lines(V1.CategoryResult category, TextReportStyle style)
    {
        yield return $"{Paint(category.Status, StatusWords.Word(category.Status), style)} : {TerminalText.Clean(category.Heading)}";
        yield return new string(' ', SectionIndent) + "Score: " + TerminalText.Clean(ScoreText.Of(category.Score, category.ScoreNote));
        foreach (var line in TextLayout.Paragraph(category.Summary, SectionIndent, style.Width))
            yield return line;
        if (category.StatusNote.Length > 0)
        {
            foreach (var line in TextLayout.Paragraph($"({category.StatusNote})", SectionIndent, style.Width))
                yield return line;
        }
        foreach (var server in category.StrictServers)
        {
            foreach (var line in TextLayout.Paragraph(StrictServerText.Of(server), SectionIndent, style.Width))
                yield return line;
        }
        foreach (var (section, tests) in SubtestLabels.Group(category.Tests, t => t.Id))
        {
            yield return string.Empty;
            yield return new string(' ', SectionIndent) + section;
            foreach (var test in tests)
            {
                foreach (var line in Subtest(test, style))
                    yield return line;
            }
        }
    }

    private static IEnumerable<string> Subtest(V1.SubtestResult test, TextReportStyle style)
    {
        var word = StatusWords.Word(test.Status);
        var label = SubtestLabels.Of(test.Id).Label + (style.Ids ? $"  [{test.Id}]" : string.Empty);
        yield return new string(' ', TestIndent) + Paint(test.Status, word, style) + new string(' ', StatusWords.Width - word.Length + 2) + TerminalText.Clean(label);
        foreach (var line in TextLayout.Paragraph(test.Reason, LabelIndent, style.Width))
            yield return line;
        if (TechnicalTables.From(Details(test), test.Reason) is { } table)
        {
            foreach (var line in TextLayout.Table(table, TableIndent, style.Width))
                yield return line;
        }
    }

    private static JsonObject? Details(V1.SubtestResult test) =>
        test.Details is null ? null : JsonNode.Parse(JsonFormatter.Default.Format(test.Details)) as JsonObject;

    private static string Paint(V1.Status status, string text, TextReportStyle style) =>
        style.Colour ? StatusColours.Of(status) + text + Reset : text;
}
