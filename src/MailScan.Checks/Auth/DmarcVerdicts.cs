using System.Text.Json.Nodes;
using MailScan.Checks.Policy.Dmarc;
using MailScan.Checks.Verdicts;

namespace MailScan.Checks.Auth;

/// <summary>The DMARC rules of mailtest.md, as pure functions of the evidence.</summary>
public static class DmarcVerdicts
{
    /// <summary>Exactly one v=DMARC1 record applies: the domain's own or its organisational domain's.</summary>
    public static SubtestResult Exist(DmarcEvidence evidence)
    {
        var finding = DmarcDiscovery.Find(evidence);
        var details = Details(evidence, finding);
        return finding.Kind switch
        {
            DmarcFindingKind.Found => new(AuthSubtestIds.DmarcExist, TestStatus.Passed, finding.Reason, details),
            DmarcFindingKind.DnsFailure => new(AuthSubtestIds.DmarcExist, TestStatus.NotTestable, finding.Reason, details),
            DmarcFindingKind.Several => new(AuthSubtestIds.DmarcExist, TestStatus.Failed, finding.Reason, details),
            _ => new(AuthSubtestIds.DmarcExist, TestStatus.Failed, $"{finding.Reason}; publish a TXT record \"v=DMARC1; p=...\" at _dmarc.{Domain(evidence)}", details),
        };
    }

    /// <summary>The record parses and its effective policy is quarantine (not in test mode) or reject; an unauthorised external destination makes it a warning.</summary>
    public static SubtestResult Policy(DmarcEvidence evidence)
    {
        var id = AuthSubtestIds.DmarcPolicy;
        var finding = DmarcDiscovery.Find(evidence);
        if (finding.Kind != DmarcFindingKind.Found)
            return new(id, finding.Kind == DmarcFindingKind.DnsFailure ? TestStatus.NotTestable : TestStatus.NotTested, "there is no single DMARC record to judge");
        var parsed = DmarcParser.Parse(finding.Record);
        var details = new JsonObject { ["record"] = finding.Record, ["foundAt"] = finding.FoundAt, ["inherited"] = finding.Inherited };
        if (!parsed.IsValid)
            return new(id, TestStatus.Failed, $"the DMARC record is not valid {parsed.Error}", details);
        var record = parsed.Value;
        details["unknownTags"] = AuthDetails.Strings(record.UnknownTags);
        var (policy, tag) = Effective(record, finding.Inherited);
        details["effectivePolicy"] = policy?.ToString().ToLowerInvariant();
        var notes = Notes(record);
        if (policy is null)
            return PartialPoints(new(id, TestStatus.Failed, "the DMARC record has no p= tag, so it asks for nothing; add p=quarantine or p=reject", details));
        if (policy == DmarcPolicy.None)
            return PartialPoints(new(id, TestStatus.Failed, $"{tag}=none only monitors: receivers deliver mail that fails DMARC; use quarantine or reject{notes}", details));
        if (policy == DmarcPolicy.Quarantine && record.TestMode)
            return PartialPoints(new(id, TestStatus.Failed, $"{tag}=quarantine with t=y is a test: receivers apply one level less (none){notes}", details));
        var unauthorised = Unauthorised(evidence, record);
        if (unauthorised.Count > 0)
            return new(id, TestStatus.Warning, $"{tag}={Word(policy.Value)} is strict enough, but report destination(s) {string.Join(", ", unauthorised)} did not authorise the reports{notes}", details);
        return new(id, TestStatus.Passed, $"{tag}={Word(policy.Value)} is strict enough{notes}", details);
    }

    /// <summary>Every rua/ruf destination in another organisational domain authorises the reports (RFC 7489 §7.1).</summary>
    /// <summary>A policy that exists but is not strict enough keeps part of the points; a syntax error earns none.</summary>
    private static SubtestResult PartialPoints(SubtestResult result) => result with { Points = [new ServerPoints(string.Empty, Scoring.Partial)] };

    public static SubtestResult ExtDestination(DmarcEvidence evidence)
    {
        var id = AuthSubtestIds.DmarcExtDestination;
        var finding = DmarcDiscovery.Find(evidence);
        var parsed = finding.Kind == DmarcFindingKind.Found ? DmarcParser.Parse(finding.Record) : null;
        if (parsed is not { IsValid: true })
            return new(id, TestStatus.NotTested, "there is no valid DMARC record whose report destinations could be checked");
        var rows = new JsonArray();
        foreach (var lookup in evidence.Authorisations)
            rows.Add(AuthDetails.Txt(lookup));
        var details = new JsonObject { ["authorisations"] = rows };
        var failed = evidence.Authorisations.Where(a => !a.IsConclusive).ToList();
        if (failed.Count > 0)
            return new(id, TestStatus.NotTestable, $"the authorisation lookup failed: {string.Join(", ", failed.Select(f => $"{f.Name} ({AuthDetails.Word(f.Status)})"))}", details);
        var unauthorised = Unauthorised(evidence, parsed.Value);
        if (unauthorised.Count > 0)
            return new(id, TestStatus.Warning, $"not authorised: {string.Join(", ", unauthorised)} publish(es) no \"v=DMARC1\" record at {string.Join(", ", UnauthorisedNames(evidence))}", details);
        return evidence.Authorisations.Count == 0
            ? new(id, TestStatus.Passed, "every report destination is in the domain's own organisation", details)
            : new(id, TestStatus.Passed, $"all {evidence.Authorisations.Count} external report destination(s) authorise the reports", details);
    }

    /// <summary>The policy that applies to the domain: sp= (else p=) when inherited from the organisational domain.</summary>
    public static (DmarcPolicy? Policy, string Tag) Effective(DmarcRecord record, bool inherited) =>
        inherited && record.SubdomainPolicy is { } sp ? (sp, "sp") : (record.Policy, "p");

    private static List<string> Unauthorised(DmarcEvidence evidence, DmarcRecord record) =>
        record.Destinations.Select(d => d.Host).Distinct()
            .Where(host => evidence.Authorisations.FirstOrDefault(a => a.Name.EndsWith($"._report._dmarc.{host}", StringComparison.OrdinalIgnoreCase)) is { } lookup
                && lookup.IsConclusive && !lookup.Records.Any(DmarcParser.IsDmarcRecord))
            .ToList();

    private static IEnumerable<string> UnauthorisedNames(DmarcEvidence evidence) =>
        evidence.Authorisations.Where(a => a.IsConclusive && !a.Records.Any(DmarcParser.IsDmarcRecord)).Select(a => a.Name);

    private static string Notes(DmarcRecord record) =>
        record.Percent < 100 ? $" (pct={record.Percent}: the policy applies to only {record.Percent}% of failing mail)" : string.Empty;

    private static string Word(DmarcPolicy policy) => policy.ToString().ToLowerInvariant();

    private static string Domain(DmarcEvidence evidence) => evidence.Domain.Name["_dmarc.".Length..];

    private static JsonObject Details(DmarcEvidence evidence, DmarcFinding finding)
    {
        var details = new JsonObject
        {
            ["domain"] = AuthDetails.Txt(evidence.Domain),
            ["organisationalDomain"] = evidence.OrganisationalDomain,
            ["publicSuffixList"] = evidence.PublicSuffixList,
        };
        if (evidence.Organisational is { } org)
            details["organisational"] = AuthDetails.Txt(org);
        if (finding.Record is not null)
            details["record"] = finding.Record;
        return details;
    }
}
