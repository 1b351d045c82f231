using System.Text.Json.Nodes;

namespace MailScan.Checks.Verdicts;

/// <summary>The verdict of one sub-test: id from mailtest.md, status, one actionable line, evidence.</summary>
public sealed record SubtestResult(
    string Id,
    TestStatus Status,
    string Reason,
    JsonObject? Details = null)
{
    /// <summary>The sub-test's level here; <see cref="SubtestLevels"/> says which and when it changes.</summary>
    public SubtestLevel Level { get; init; } = SubtestLevels.Of(Id);

    /// <summary>Points per server when the status alone does not say them (<see cref="Scoring"/>); empty: from the status.</summary>
    public IReadOnlyList<ServerPoints> Points { get; init; } = [];
}
