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
    private ParsedOnce _parsed = new();

    /// <summary>The evidence as JSON; setting it (in a copy made with <c>with</c>) drops what was parsed from the old one.</summary>
    public JsonElement? Evidence
    {
        get;
        init
        {
            field = value;
            _parsed = new();
        }
    } = Evidence;

    /// <summary>
    /// The evidence as its record type, or null when the probe did not complete. Parsed once per
    /// result (for the last type asked): a host's result is this very object for every domain that
    /// reuses it, so its evidence is read from JSON once per host, not once per domain. Evidence
    /// records are immutable, so sharing the parsed one is safe.
    /// </summary>
    public T? EvidenceAs<T>() where T : class =>
        Outcome == ProbeOutcome.Completed && Evidence is { } json ? _parsed.Get(() => json.Deserialize<T>(EvidenceJson.Options)) : null;

    public static ProbeResult Completed<T>(ProbeKey key, T evidence, TimeSpan elapsed) =>
        new(key, ProbeOutcome.Completed, string.Empty, EvidenceJson.ToElement(evidence), elapsed);

    public static ProbeResult NotCompleted(ProbeKey key, ProbeOutcome outcome, string reason, TimeSpan elapsed) =>
        new(key, outcome, reason, null, elapsed);
}
