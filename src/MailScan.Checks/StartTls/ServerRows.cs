using System.Text.Json.Nodes;
using MailScan.Checks.Verdicts;

namespace MailScan.Checks.StartTls;

/// <summary>Combines the per-server verdicts of one sub-test: the worst decides; the reason names the servers behind it.</summary>
public static class ServerRows
{
    public static SubtestResult Combine(string id, IReadOnlyList<(string Mx, string? Address, ServerVerdict Verdict)> rows)
    {
        if (rows.Count == 0)
            return new SubtestResult(id, TestStatus.NotTested, "there is no mail server to test");
        var worst = rows.MaxBy(r => CategoryStatus.Rank(r.Verdict.Status)).Verdict.Status;
        var behind = rows.Where(r => r.Verdict.Status == worst).ToList();
        var reason = rows.Count == 1 || behind.Select(r => r.Verdict.Reason).Distinct().Count() == 1 && behind.Count == rows.Count
            ? behind[0].Verdict.Reason
            : string.Join("; ", behind.Select(r => $"{Label(r.Mx, r.Address)}: {r.Verdict.Reason}"));
        var details = new JsonObject
        {
            ["servers"] = new JsonArray(rows.Select(r => (JsonNode)new JsonObject
            {
                ["mx"] = r.Mx,
                ["address"] = r.Address,
                ["status"] = r.Verdict.Status.ToString(),
                ["reason"] = r.Verdict.Reason,
            }).ToArray()),
        };
        return new SubtestResult(id, worst, reason, details) { Points = PerMailServer(id, rows) };
    }

    /// <summary>
    /// Points per MX name: its worst address that could be tested decides (NOT_TESTED, e.g. no TLS
    /// session to judge, earns nothing, as in Internet.nl); null when none of its addresses could be tested.
    /// </summary>
    private static List<ServerPoints> PerMailServer(string id, IReadOnlyList<(string Mx, string? Address, ServerVerdict Verdict)> rows) =>
        rows.GroupBy(r => r.Mx).Select(mx =>
        {
            var tested = mx.Where(r => r.Verdict.Status != TestStatus.NotTestable).ToList();
            if (tested.Count == 0)
                return new ServerPoints(mx.Key, null);
            var worst = tested.MaxBy(r => CategoryStatus.Rank(r.Verdict.Status)).Verdict.Status;
            return new ServerPoints(mx.Key, Scoring.FromStatus(id, worst));
        }).ToList();

    private static string Label(string mx, string? address) => address is null ? mx : $"{mx} {address}";
}
