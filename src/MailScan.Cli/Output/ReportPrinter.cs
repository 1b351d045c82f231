using MailScan.Checks.Scanning;
using MailScan.Checks.Verdicts;

namespace MailScan.Cli.Output;

/// <summary>
/// Writes a report the way a person reads it: per category its verdict, what it means, then the
/// sub-tests. Categories arrive as they complete and are printed in report order, each as soon
/// as the ones before it are out.
/// </summary>
internal sealed class ReportPrinter(TextWriter output, bool colour)
{
    private const string Reset = "\u001b[0m";
    private readonly Dictionary<string, CategoryResult> _waiting = [];
    private int _next;

    public void Header(string domain) =>
        output.WriteLine($"Mail test of {domain} (mailscan {ScanReport.ScannerVersion})");

    public void Category(CategoryResult category)
    {
        _waiting[category.Id] = category;
        var order = CategoryIds.All;
        while (_next < order.Count && _waiting.Remove(order[_next], out var ready))
        {
            Write(ready);
            _next++;
        }
    }

    private void Write(CategoryResult category)
    {
        output.WriteLine();
        output.WriteLine($"{Paint(category.Status, StatusWords.Word(category.Status))} : {category.Heading}");
        output.WriteLine($"  {category.Summary}");
        if (category.StatusNote.Length > 0)
            output.WriteLine($"  ({category.StatusNote})");
        output.WriteLine($"  Score: {Score(category.Score.Percentage, category.Score.Note)}");
        var width = category.Tests.Count == 0 ? 0 : category.Tests.Max(t => t.Id.Length);
        foreach (var test in category.Tests)
        {
            var word = StatusWords.Id(test.Status).PadRight(12);
            output.WriteLine($"  {Paint(test.Status, word)} {test.Id.PadRight(width)}  {test.Reason}");
        }
    }

    public void Footer(ScanReport report)
    {
        foreach (var late in _waiting.Values)
            Write(late);
        _waiting.Clear();
        _next = 0;
        output.WriteLine();
        output.WriteLine($"Overall score: {Score(report.Score.Percentage, report.Score.Note)}");
        var reused = report.Probes.Count(p => p.Reused);
        output.WriteLine($"Scanned {report.Domain} in {report.Elapsed.TotalSeconds:0.0} s with {report.Probes.Count} probes ({reused} reused).");
    }

    private static string Score(int? percentage, string note) => (percentage, note.Length) switch
    {
        (null, 0) => "none",
        (null, _) => $"none ({note})",
        (_, 0) => $"{percentage} %",
        _ => $"{percentage} % ({note})",
    };

    private string Paint(TestStatus status, string text) => colour ? StatusWords.Colour(status) + text + Reset : text;
}
