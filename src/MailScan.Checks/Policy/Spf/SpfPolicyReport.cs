namespace MailScan.Checks.Policy.Spf;

/// <summary>
/// What the static walk of a domain's SPF policy found: the chain of records, the DNS-querying
/// terms and void lookups counted, the final "all" (after redirects), the first problem, and the
/// data the walk still needs (so the probe can fetch it and walk again).
/// </summary>
public sealed record SpfPolicyReport(
    IReadOnlyList<SpfChainLink> Chain,
    int Lookups,
    int VoidLookups,
    SpfQualifier? FinalAll,
    string? FinalAllDomain,
    SpfPolicyProblem? Problem,
    IReadOnlyList<string> NotFollowed,
    IReadOnlyList<string> MissingTxt,
    IReadOnlyList<(string Type, string Name)> MissingTargets)
{
    /// <summary>The walk had all the data it needed.</summary>
    public bool IsComplete => MissingTxt.Count == 0 && MissingTargets.Count == 0;
}
