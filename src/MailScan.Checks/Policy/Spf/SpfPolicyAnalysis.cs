using System.Net;
using MailScan.Dns;

namespace MailScan.Checks.Policy.Spf;

/// <summary>
/// The mail test's static walk of an SPF policy (mailtest.md, RFC 7208 §4.6.4): from the domain's
/// record through every include, and the redirect when there is no "all", in evaluation order;
/// counts DNS-querying terms and void lookups, detects loops, finds the final "all". Pure: it
/// reads TXT and target lookups from the evidence and lists what it still needs.
/// </summary>
public static class SpfPolicyAnalysis
{
    /// <summary>Walks the policy of <paramref name="domain"/>; lookups are keyed by lower-case name (targets as "A:name", "MX:name").</summary>
    public static SpfPolicyReport Analyse(string domain, IReadOnlyDictionary<string, TxtEvidence> txt, IReadOnlyDictionary<string, SpfTargetEvidence> targets)
    {
        var walk = new Walk(txt, targets);
        var name = Key(domain);
        var final = walk.Visit(name, "record", [name]);
        return new SpfPolicyReport(walk.Chain, walk.Lookups, walk.Voids, final?.All, final?.Domain, walk.Problem,
            walk.NotFollowed, walk.MissingTxt.Distinct().ToList(), walk.MissingTargets.Distinct().ToList());
    }

    /// <summary>The lookup key of a name: lower case, no trailing dot.</summary>
    public static string Key(string name) => name.TrimEnd('.').ToLowerInvariant();

    /// <summary>The target of a domain-spec without macros, as a lookup key; null when it has macros.</summary>
    public static string? Literal(SpfMacroString domain) =>
        domain.HasMacros ? null : Key(SpfMacroExpander.ExpandDomain(domain, new SpfMacroValues("@", ".", IPAddress.None, ".", ".", 0)));

    private sealed class Walk(IReadOnlyDictionary<string, TxtEvidence> txt, IReadOnlyDictionary<string, SpfTargetEvidence> targets)
    {
        public List<SpfChainLink> Chain { get; } = [];
        public List<string> NotFollowed { get; } = [];
        public List<string> MissingTxt { get; } = [];
        public List<(string Type, string Name)> MissingTargets { get; } = [];
        public int Lookups { get; private set; }
        public int Voids { get; private set; }
        public SpfPolicyProblem? Problem { get; private set; }

        public (SpfQualifier? All, string? Domain)? Visit(string name, string role, IReadOnlyList<string> path)
        {
            var record = Record(name, role);
            if (record is null)
                return null;
            Chain.Add(new SpfChainLink(name, role, record.Text));
            SpfQualifier? all = null;
            foreach (var mechanism in record.Reachable)
            {
                if (mechanism.QueriesDns && ++Lookups > SpfLimits.DnsLookups)
                    return Fail(SpfPolicyProblemKind.TooManyLookups, name, $"more than {SpfLimits.DnsLookups} DNS-querying terms: '{mechanism.Text}' in the record of {name} is number {Lookups}");
                if (mechanism.Kind == SpfMechanismKind.All)
                    all = mechanism.Qualifier;
                else if (mechanism.Kind == SpfMechanismKind.Include)
                    Include(mechanism, name, path);
                else if (mechanism.Kind is SpfMechanismKind.A or SpfMechanismKind.Mx or SpfMechanismKind.Exists)
                    Target(mechanism, name);
                if (Problem is not null)
                    return null;
            }
            if (all is not null)
                return (all, name);
            if (record.Redirect is not { } redirect)
                return (null, name);
            if (++Lookups > SpfLimits.DnsLookups)
                return Fail(SpfPolicyProblemKind.TooManyLookups, name, $"more than {SpfLimits.DnsLookups} DNS-querying terms: '{redirect.Text}' of {name} is number {Lookups}");
            if (Literal(redirect.Value) is not { } target)
            {
                NotFollowed.Add($"{redirect.Text} (in {name})");
                return null;
            }
            if (path.Contains(target))
                return Fail(SpfPolicyProblemKind.Loop, name, $"redirect loop: {string.Join(" → ", path)} → {target}");
            return Visit(target, "redirect", [.. path, target]);
        }

        private SpfRecord? Record(string name, string role)
        {
            if (!txt.TryGetValue(name, out var lookup))
            {
                MissingTxt.Add(name);
                return null;
            }
            var kind = role switch { "include" => SpfPolicyProblemKind.BrokenInclude, "redirect" => SpfPolicyProblemKind.BrokenRedirect, _ => SpfPolicyProblemKind.Syntax };
            if (!lookup.IsConclusive)
            {
                Fail(role == "record" ? SpfPolicyProblemKind.DnsFailure : kind, name, $"the TXT lookup of {name} ({role} target) failed: {lookup.Status}");
                return null;
            }
            var records = lookup.Records.Where(SpfParser.IsSpfRecord).ToList();
            if (records.Count != 1)
            {
                var exists = lookup.Status != DnsStatus.NxDomain;
                var what = !exists ? "does not exist" : records.Count == 0 ? "has no SPF record" : $"has {records.Count} SPF records";
                Fail(kind, name, $"the {role} target {name} {what}", unusableTarget: exists);
                return null;
            }
            var parsed = SpfParser.Parse(records[0]);
            if (parsed.IsValid)
                return parsed.Value;
            Fail(role == "record" ? SpfPolicyProblemKind.Syntax : kind, name, $"syntax error in the SPF record of {name} {parsed.Error}", unusableTarget: true);
            return null;
        }

        private void Include(SpfMechanism mechanism, string name, IReadOnlyList<string> path)
        {
            if (Literal(mechanism.Domain!) is not { } target)
            {
                NotFollowed.Add($"{mechanism.Text} (in {name})");
                return;
            }
            if (path.Contains(target))
            {
                Fail(SpfPolicyProblemKind.Loop, name, $"include loop: {string.Join(" → ", path)} → {target}");
                return;
            }
            Visit(target, "include", [.. path, target]);
        }

        private void Target(SpfMechanism mechanism, string name)
        {
            var target = mechanism.Domain is null ? name : Literal(mechanism.Domain);
            if (target is null)
            {
                NotFollowed.Add($"{mechanism.Text} (in {name})");
                return;
            }
            var type = mechanism.Kind == SpfMechanismKind.Mx ? "MX" : "A";
            if (!targets.TryGetValue($"{type}:{target}", out var lookup))
            {
                MissingTargets.Add((type, target));
                return;
            }
            if (type == "MX" && lookup.Answers > SpfLimits.MxNames)
                Fail(SpfPolicyProblemKind.TooManyLookups, name, $"'{mechanism.Text}' in the record of {name}: {target} has {lookup.Answers} MX records, more than {SpfLimits.MxNames}");
            else if (lookup.IsVoid && ++Voids > SpfLimits.VoidLookups)
                Fail(SpfPolicyProblemKind.TooManyVoidLookups, name, $"more than {SpfLimits.VoidLookups} void lookups: '{mechanism.Text}' in the record of {name} finds nothing ({lookup.Status}), void lookup number {Voids}");
        }

        private (SpfQualifier? All, string? Domain)? Fail(SpfPolicyProblemKind kind, string domain, string message, bool unusableTarget = false)
        {
            Problem ??= new SpfPolicyProblem(kind, domain, message, unusableTarget);
            return null;
        }
    }
}
