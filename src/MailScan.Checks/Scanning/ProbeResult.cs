using System.ComponentModel;
using System.Text.Json;

namespace MailScan.Checks.Scanning;

/// <summary>
/// The result of one probe: outcome, evidence as JSON (so it crosses the bus and caches unchanged),
/// timing, reuse. Immutable (a change is a copy made with <c>with</c>), so the in-process cache
/// hands every domain that reuses a host's result this very object, not a copy read back from JSON.
/// </summary>
[ImmutableObject(true)]
public sealed record ProbeResult(
    ProbeKey Key,
    ProbeOutcome Outcome,
    string Reason,
    JsonElement? Evidence,
    TimeSpan Elapsed,
    bool Reused = false)
{
    /// <summary>The evidence as its record type, or null when the probe did not complete.</summary>
    public T? EvidenceAs<T>() where T : class =>
        Outcome == ProbeOutcome.Completed && Evidence is { } json ? json.Deserialize<T>(EvidenceJson.Options) : null;

    public static ProbeResult Completed<T>(ProbeKey key, T evidence, TimeSpan elapsed) =>
        new(key, ProbeOutcome.Completed, string.Empty, EvidenceJson.ToElement(evidence), elapsed);

    public static ProbeResult NotCompleted(ProbeKey key, ProbeOutcome outcome, string reason, TimeSpan elapsed) =>
        new(key, outcome, reason, null, elapsed);
}
