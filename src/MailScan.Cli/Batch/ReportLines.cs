using MailScan.Coordinator.Reports;
using MailScan.Cli.Output;
using MailScan.Cli.Stats;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Cli.Batch;

/// <summary>The reports of a JSONL results file; a line that is not a report is named on stderr and skipped.</summary>
internal static class ReportLines
{
    public static async Task<IReadOnlyList<V1.DomainReport>> ReadAsync(string path, TextWriter errors, CancellationToken cancellationToken)
    {
        var reports = new List<V1.DomainReport>();
        IReadOnlyList<SkippedLine> skipped;
        skipped = await ResultsFileReader.ReadAsync(path, reports.Add, cancellationToken).ConfigureAwait(false);
        foreach (var line in skipped)
            await errors.WriteLineAsync($"{TerminalText.Clean(path)}:{line.Line}: skipped: not a report ({TerminalText.Clean(line.Reason)})").ConfigureAwait(false);
        return reports;
    }
}
