using System.Text.Json.Nodes;

namespace MailScan.Checks.Verdicts;

/// <summary>The verdict of one sub-test: id from mailtest.md, status, one actionable line, evidence.</summary>
public sealed record SubtestResult(
    string Id,
    TestStatus Status,
    string Reason,
    JsonObject? Details = null,
    CategoryImpact Impact = CategoryImpact.Full);
