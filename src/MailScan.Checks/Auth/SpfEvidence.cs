using MailScan.Checks.Policy;
using MailScan.Checks.Policy.Spf;

namespace MailScan.Checks.Auth;

/// <summary>What the SPF walk saw: the domain's TXT records, those of every include and redirect target, and the a/mx/exists lookups.</summary>
public sealed record SpfEvidence(TxtEvidence Domain, IReadOnlyList<TxtEvidence> Targets, IReadOnlyList<SpfTargetEvidence> Lookups)
{
    /// <summary>Every TXT lookup keyed by name, for <see cref="SpfPolicyAnalysis"/>.</summary>
    public IReadOnlyDictionary<string, TxtEvidence> TxtByName() =>
        Targets.Prepend(Domain).GroupBy(t => SpfPolicyAnalysis.Key(t.Name)).ToDictionary(g => g.Key, g => g.First());

    /// <summary>Every target lookup keyed by "TYPE:name".</summary>
    public IReadOnlyDictionary<string, SpfTargetEvidence> LookupsByKey() =>
        Lookups.GroupBy(t => $"{t.Type}:{SpfPolicyAnalysis.Key(t.Name)}").ToDictionary(g => g.Key, g => g.First());
}
