using V1 = MailScan.Contracts.V1;

namespace MailScan.Cli.Batch;

/// <summary>
/// One row per domain: the domain, the error (when it could not be scanned), the overall score,
/// then per category its status and score (empty: no score) and the status of each of its
/// sub-tests (PASSED, FAILED, ...). The columns come from the first scanned
/// report (or the existing file's header when resuming), so they follow whatever checks the
/// scanner has; failed domains that come before it wait for the header.
/// </summary>
internal sealed class CsvResultWriter(string path) : IResultWriter
{
    private readonly StreamWriter _out = new(path, append: true, ResultFile.Utf8);
    private readonly List<V1.DomainReport> _waiting = [];
    private List<string>? _columns = ResultFile.CsvHeader(path)?.Split(',').Skip(2).ToList();

    public async Task WriteAsync(V1.DomainReport report, CancellationToken cancellationToken)
    {
        if (_columns is null)
        {
            if (report.Categories.Count == 0)
            {
                _waiting.Add(report);
                return;
            }
            await HeaderAsync([.. Statuses(report).Keys]).ConfigureAwait(false);
        }
        await RowAsync(report).ConfigureAwait(false);
        await _out.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task HeaderAsync(List<string> columns)
    {
        _columns = columns;
        await _out.WriteLineAsync(string.Join(',', new[] { "domain", "error" }.Concat(columns))).ConfigureAwait(false);
        foreach (var waiting in _waiting)
            await RowAsync(waiting).ConfigureAwait(false);
        _waiting.Clear();
    }

    private async Task RowAsync(V1.DomainReport report)
    {
        var statuses = Statuses(report);
        var cells = new[] { report.Domain, Quote(report.Error) }.Concat(_columns!.Select(c => statuses.GetValueOrDefault(c, string.Empty)));
        await _out.WriteLineAsync(string.Join(',', cells)).ConfigureAwait(false);
    }

    private static Dictionary<string, string> Statuses(V1.DomainReport report)
    {
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["score"] = report.Score?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
        };
        foreach (var category in report.Categories)
        {
            statuses.TryAdd(category.Id, Coordinator.Reports.ContractStatus.Name(category.Status));
            statuses.TryAdd($"{category.Id}_score", category.Score?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
            foreach (var test in category.Tests)
                statuses.TryAdd(test.Id, Coordinator.Reports.ContractStatus.Name(test.Status));
        }
        return statuses;
    }

    private static string Quote(string text) =>
        text.Length == 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ') + "\"";

    public async ValueTask DisposeAsync()
    {
        if (_columns is null && _waiting.Count > 0)
            await HeaderAsync([]).ConfigureAwait(false);
        await _out.DisposeAsync().ConfigureAwait(false);
    }
}
