using MailScan.Checks.Verdicts;
using MailScan.Coordinator.Reports;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Cli.Output;

/// <summary>
/// Writes a report the way a person reads it (<see cref="CategoryText"/>). Categories arrive as
/// they complete and are printed in report order, each as soon as the ones before it are out.
/// </summary>
internal sealed class ReportPrinter(TextWriter output, TextReportStyle style)
{
    private readonly Dictionary<string, V1.CategoryResult> _waiting = [];
    private int _next;

    public void Header(string domain, string version) =>
        output.WriteLine($"Mail test of {TerminalText.Clean(domain)} (mailscan {version})");

    public void Category(V1.CategoryResult category)
    {
        _waiting[category.Id] = category;
        var order = CategoryIds.All;
        while (_next < order.Count && _waiting.Remove(order[_next], out var ready))
        {
            Write(ready);
            _next++;
        }
    }

    private void Write(V1.CategoryResult category)
    {
        output.WriteLine();
        foreach (var line in CategoryText.Lines(category, style))
            output.WriteLine(line);
    }

    /// <summary>The categories not yet printed (none after a whole scan), then what the scan took.</summary>
    public void Footer(V1.DomainReport report)
    {
        foreach (var late in _waiting.Values)
            Write(late);
        _waiting.Clear();
        _next = 0;
        output.WriteLine();
        output.WriteLine("Overall score: " + TerminalText.Clean(ScoreText.Of(report.Score, report.ScoreNote)));
        var reused = report.Probes.Count(p => p.Reused);
        var seconds = report.Elapsed?.ToTimeSpan().TotalSeconds ?? 0;
        output.WriteLine(FormattableString.Invariant($"Scanned {TerminalText.Clean(report.Domain)} in {seconds:0.0} s with {report.Probes.Count} probes ({reused} reused)."));
    }

    /// <summary>A whole report at once (a captured or converted one).</summary>
    public void Report(V1.DomainReport report)
    {
        Header(report.Domain, report.ScannerVersion);
        foreach (var category in report.Categories)
            Category(category);
        Footer(report);
    }
}
