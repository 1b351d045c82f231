using System.Text.Json.Nodes;
using MailScan.Checks.Verdicts;

namespace MailScan.Checks.StartTls;

/// <summary>
/// The strict addresses among a domain's mail servers, from their evidence, with the sub-tests
/// each left NOT_TESTABLE when its evaluation stopped early (read from the sub-tests' per-server
/// rows, so the list is exactly what the report shows). Pure.
/// </summary>
public static class StrictServers
{
    public static IReadOnlyList<StrictServer> Of(IReadOnlyList<MailServerTarget> targets, IReadOnlyList<SubtestResult> tests) =>
        targets
            .Where(t => t.Evidence?.StrictNote is not null)
            .DistinctBy(t => t.Address)
            .Select(t =>
            {
                var evidence = t.Evidence!;
                var note = evidence.StrictNote!;
                var untested = evidence.StoppedBecause is null ? [] : NotTestableOn(t.Address, tests);
                return new StrictServer(t.MxName, t.Address, note.Why, note.Connections, TimeSpan.FromSeconds(note.Seconds),
                    TimeSpan.FromSeconds(note.BudgetSeconds), untested, evidence.StoppedBecause);
            })
            .ToList();

    private static List<string> NotTestableOn(string address, IReadOnlyList<SubtestResult> tests) =>
        tests.Where(test => test.Details?["servers"] is JsonArray rows && rows.OfType<JsonObject>().Any(row =>
                (string?)row["address"] == address && (string?)row["status"] == nameof(TestStatus.NotTestable)))
            .Select(test => test.Id)
            .ToList();
}
