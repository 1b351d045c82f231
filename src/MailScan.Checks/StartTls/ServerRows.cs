using System.Text.Json.Nodes;
using MailScan.Checks.Verdicts;

namespace MailScan.Checks.StartTls;

/// <summary>Combines the per-server verdicts of one sub-test: the worst decides; the reason names the servers behind it.</summary>
public static class ServerRows
{
    public static SubtestResult Combine(string id, IReadOnlyList<(string Mx, string? Address, ServerVerdict Verdict)> rows, CategoryImpact impact = CategoryImpact.Full)
    {
        if (rows.Count == 0)
            return new SubtestResult(id, TestStatus.NotTested, "there is no mail server to test", null, impact);
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
        return new SubtestResult(id, worst, reason, details, impact);
    }

    private static string Label(string mx, string? address) => address is null ? mx : $"{mx} {address}";
}
