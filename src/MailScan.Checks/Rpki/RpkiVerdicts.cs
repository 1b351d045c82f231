using System.Text.Json.Nodes;
using MailScan.Checks.Verdicts;

namespace MailScan.Checks.Rpki;

/// <summary>The RPKI rules of mailtest.md for one group of servers, as pure functions of the evidence.</summary>
public static class RpkiVerdicts
{
    /// <summary>Every address is covered by at least one VRP → PASSED; any not → WARNING; no addresses → NOT_TESTED.</summary>
    public static SubtestResult Exists(string id, RpkiHostGroup group, IReadOnlyList<RpkiAddressFinding> findings)
    {
        if (Inapplicable(id, group) is { } early)
            return early;
        var details = Details(findings, group);
        if (Unmeasured(id, group, findings, details) is { } unmeasured)
            return unmeasured;
        var measured = findings.Select(f => f.Evidence!).ToList();
        var uncovered = findings.Where(f => !f.Evidence!.Covered).Select(f => $"{f.Label}{RouteText(f.Evidence!)}").ToList();
        if (uncovered.Count > 0)
            return new(id, TestStatus.Warning, $"no ROA covers the route of {uncovered.Count} of {measured.Count} addresses of the {group.Servers}: {string.Join("; ", uncovered)}; ask the network operator to publish ROAs", details);
        return new(id, TestStatus.Passed, $"ROAs cover the routes of all {measured.Count} addresses of the {group.Servers}", details);
    }

    /// <summary>
    /// Every announced route is valid → PASSED; any invalid → FAILED; routes without a ROA or
    /// not announced leave nothing to validate → NOT_TESTED.
    /// </summary>
    public static SubtestResult Valid(string id, RpkiHostGroup group, IReadOnlyList<RpkiAddressFinding> findings)
    {
        if (Inapplicable(id, group) is { } early)
            return early;
        var details = Details(findings, group);
        var invalid = findings.Where(f => f.Evidence?.State == AddressRouteState.Invalid).Select(f => f.Label + InvalidText(f.Evidence!)).ToList();
        if (invalid.Count > 0)
            return new(id, TestStatus.Failed, $"the route origin is RPKI-invalid for {string.Join("; ", invalid)}: traffic to these addresses is dropped by networks that validate; fix the ROA or the announcement", details);
        if (Unmeasured(id, group, findings, details) is { } unmeasured)
            return unmeasured;

        var notFound = findings.Where(f => f.Evidence!.State == AddressRouteState.NotFound).Select(f => f.Label + RouteText(f.Evidence!)).ToList();
        // Internet.nl fails not-found routes ("bad", no points); we show NOT_TESTED but score it the same.
        if (notFound.Count > 0)
            return new SubtestResult(id, TestStatus.NotTested, $"no ROA covers the route of {string.Join("; ", notFound)}, so its origin cannot be validated (see the ROA existence test)", details) { Points = [new ServerPoints(string.Empty, 0)] };
        var valid = findings.Count(f => f.Evidence!.State == AddressRouteState.Valid);
        var unrouted = findings.Count - valid;
        if (valid == 0)
            return new(id, TestStatus.NotTested, $"the {findings.Count} addresses of the {group.Servers} are not announced in BGP, so there is no route to validate", details);
        var note = unrouted == 0 ? "" : $" ({unrouted} not announced in BGP)";
        return new(id, TestStatus.Passed, $"the routes of all {valid} announced addresses of the {group.Servers} are RPKI-valid{note}", details);
    }

    private static SubtestResult? Inapplicable(string id, RpkiHostGroup group)
    {
        if (group.NotTestable is { } notTestable)
            return new(id, TestStatus.NotTestable, notTestable);
        if (group.NotTested is { } notTested)
            return new(id, TestStatus.NotTested, notTested);
        if (group.Addresses.Count == 0 && group.Unresolved.Count == 0)
            return new(id, TestStatus.NotTested, $"the {group.Servers} have no IP addresses to test");
        return null;
    }

    private static SubtestResult? Unmeasured(string id, RpkiHostGroup group, IReadOnlyList<RpkiAddressFinding> findings, JsonObject details)
    {
        var errors = findings.Where(f => f.IsError).ToList();
        if (errors.Count > 0)
            return new(id, TestStatus.Error, $"the scanner could not check {ByReason(errors)}", details);
        var missing = findings.Where(f => f.IsNotMeasured).Select(f => $"{f.Label} ({f.Why})").ToList();
        missing.AddRange(group.Unresolved.Select(u => $"{u}: addresses unknown"));
        return missing.Count > 0 ? new(id, TestStatus.NotTestable, $"could not be tested: {string.Join("; ", missing)}", details) : null;
    }

    // One reason (say, no VRP set) usually holds for every address: say it once.
    private static string ByReason(IEnumerable<RpkiAddressFinding> findings) =>
        string.Join("; ", findings.GroupBy(f => f.Why).Select(g => $"{string.Join(", ", g.Select(f => f.Label))}: {g.Key}"));

    private static string RouteText(RouteOriginEvidence evidence) =>
        evidence.Prefix is null ? " (not announced)" : $" ({evidence.Prefix} from {string.Join(", ", evidence.Origins.Select(o => o.Origin))})";

    private static string InvalidText(RouteOriginEvidence evidence)
    {
        var parts = evidence.Origins.Where(o => o.State == RouteOriginValidity.Invalid).Select(o => o.Reason == InvalidityReason.Length
            ? $"{evidence.Prefix} from {o.Origin} is more specific than the ROA allows ({string.Join(", ", o.Unmatched.Where(v => $"AS{v.Asn}" == o.Origin).Select(VrpText))})"
            : $"{evidence.Prefix} from {o.Origin} is not an origin the ROAs allow ({string.Join(", ", o.Unmatched.Select(VrpText))})");
        return " (" + string.Join("; ", parts) + ")";
    }

    private static string VrpText(VrpEvidence vrp) => $"{vrp.Prefix} maxLength {vrp.MaxLength} AS{vrp.Asn}";

    private static JsonObject Details(IReadOnlyList<RpkiAddressFinding> findings, RpkiHostGroup group)
    {
        var rows = new JsonArray();
        foreach (var finding in findings)
        {
            var row = new JsonObject { ["host"] = finding.Host, ["address"] = finding.Address };
            if (finding.Evidence is { } evidence)
            {
                row["state"] = Word(evidence.State);
                row["prefix"] = evidence.Prefix;
                row["origins"] = Strings(evidence.Origins.Select(o => o.Origin));
                row["validity"] = new JsonArray([.. evidence.Origins.Select(o => (JsonNode)new JsonObject
                {
                    ["origin"] = o.Origin,
                    ["state"] = o.State switch { RouteOriginValidity.Valid => "valid", RouteOriginValidity.Invalid => "invalid", _ => "not-found" },
                    ["reason"] = o.Reason switch { InvalidityReason.As => "as", InvalidityReason.Length => "length", _ => null },
                    ["matchedVrps"] = Strings(o.Matched.Select(VrpText)),
                    ["unmatchedVrps"] = Strings(o.Unmatched.Select(VrpText)),
                })]);
                row["coveringVrps"] = Strings(evidence.CoveringVrps.Select(VrpText));
                row["routeSource"] = evidence.RouteSource;
                row["vrpSet"] = $"{evidence.VrpSet.Source} version {evidence.VrpSet.Version} ({evidence.VrpSet.Count} VRPs)";
            }
            else
            {
                row["state"] = finding.IsError ? "error" : "not-measured";
                row["reason"] = finding.Why;
            }
            row["reused"] = finding.Result?.Reused ?? false;
            rows.Add(row);
        }
        var details = new JsonObject { ["servers"] = group.Servers, ["addresses"] = rows };
        if (group.Unresolved.Count > 0)
            details["unresolved"] = Strings(group.Unresolved);
        return details;
    }

    private static string Word(AddressRouteState state) => state switch
    {
        AddressRouteState.Valid => "valid",
        AddressRouteState.Invalid => "invalid",
        AddressRouteState.NotFound => "not-found",
        _ => "not-announced",
    };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
