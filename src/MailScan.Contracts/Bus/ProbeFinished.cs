using System.Text.Json;

namespace MailScan.Contracts.Bus;

/// <summary>A worker's answer to <see cref="RunProbe"/>: outcome, reason and evidence as JSON.</summary>
public sealed record ProbeFinished(
    string Kind,
    string Target,
    string Outcome,
    string Reason,
    JsonElement? Evidence,
    double ElapsedMilliseconds);
