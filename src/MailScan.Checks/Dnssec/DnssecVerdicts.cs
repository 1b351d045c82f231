using System.Text.Json.Nodes;
using MailScan.Checks.Discovery;
using MailScan.Checks.Scanning;
using MailScan.Checks.Verdicts;

namespace MailScan.Checks.Dnssec;

/// <summary>The DNSSEC rules of mailtest.md, as pure functions of the evidence.</summary>
public static class DnssecVerdicts
{
    /// <summary>The mail domain is signed: secure or bogus passes, insecure fails.</summary>
    public static SubtestResult MailtoExist(MailServerEvidence servers, IProbeResults results)
    {
        var id = DnssecSubtestIds.MailtoExist;
        var (evidence, why) = Find(servers.Domain, results);
        if (evidence is null || evidence.Status == DnssecStatus.Indeterminate)
            return new(id, TestStatus.NotTestable, $"the DNSSEC status of {servers.Domain} could not be determined: {why ?? evidence?.Reason}", Row(evidence));
        return evidence.IsSigned
            ? new(id, TestStatus.Passed, $"{servers.Domain} is signed with DNSSEC", Row(evidence))
            : new(id, TestStatus.Failed, $"{servers.Domain} is not signed with DNSSEC ({evidence.Reason})", Row(evidence));
    }

    /// <summary>The mail domain validates: secure passes, bogus fails with the broken link, insecure is not tested.</summary>
    public static SubtestResult MailtoValid(MailServerEvidence servers, IProbeResults results)
    {
        var id = DnssecSubtestIds.MailtoValid;
        var (evidence, why) = Find(servers.Domain, results);
        SubtestResult result = evidence?.Status switch
        {
            DnssecStatus.Secure => new(id, TestStatus.Passed, $"{servers.Domain} validates: the chain of trust is complete", Row(evidence)),
            DnssecStatus.Bogus => new(id, TestStatus.Failed, $"{servers.Domain} is bogus: {evidence.Reason}", Row(evidence)),
            DnssecStatus.Insecure => new(id, TestStatus.NotTested, $"{servers.Domain} is not signed, so there is nothing to validate", Row(evidence)),
            _ => new(id, TestStatus.NotTestable, $"the DNSSEC status of {servers.Domain} could not be determined: {why ?? evidence?.Reason}", Row(evidence)),
        };
        return result with { Points = NamePoints(servers, results) };
    }

    /// <summary>
    /// Internet.nl scores DNSSEC per name, the domain and every MX name (secure 10, insecure 2,
    /// bogus 0), and the category takes the worst name: the points ride on this sub-test.
    /// </summary>
    private static IReadOnlyList<ServerPoints> NamePoints(MailServerEvidence servers, IProbeResults results) =>
        new[] { servers.Domain }.Concat(servers.MailServers.Select(m => m.Name)).Distinct()
            .Select(name => new ServerPoints(name, Find(name, results).Evidence?.Status switch
            {
                DnssecStatus.Secure => Scoring.Full,
                DnssecStatus.Insecure => Scoring.Partial,
                DnssecStatus.Bogus => 0,
                _ => null,
            }))
            .ToList();

    /// <summary>Every MX name is signed (secure or bogus); any insecure fails.</summary>
    public static SubtestResult MxExist(MailServerEvidence servers, IProbeResults results)
    {
        var id = DnssecSubtestIds.MxExist;
        if (NoMailServers(servers, id) is { } notApplicable)
            return notApplicable;
        var (rows, names) = MxTable(servers, results);
        var unsigned = names.Where(n => n.Evidence?.Status == DnssecStatus.Insecure).Select(n => n.Name).ToList();
        var unknown = names.Where(n => n.Evidence is null or { Status: DnssecStatus.Indeterminate }).Select(n => n.Name).ToList();
        if (unsigned.Count > 0)
            return new(id, TestStatus.Failed, $"mail server domain(s) not signed with DNSSEC: {string.Join(", ", unsigned)}", rows);
        if (unknown.Count > 0)
            return new(id, TestStatus.NotTestable, $"the DNSSEC status could not be determined for: {string.Join(", ", unknown)}", rows);
        return new(id, TestStatus.Passed, $"all {names.Count} mail server domains are signed with DNSSEC", rows);
    }

    /// <summary>Every signed MX name is secure; any bogus fails with its broken link.</summary>
    public static SubtestResult MxValid(MailServerEvidence servers, IProbeResults results)
    {
        var id = DnssecSubtestIds.MxValid;
        if (NoMailServers(servers, id) is { } notApplicable)
            return notApplicable;
        var (rows, names) = MxTable(servers, results);
        var bogus = names.Where(n => n.Evidence?.Status == DnssecStatus.Bogus).Select(n => $"{n.Name} ({n.Evidence!.Reason})").ToList();
        var unknown = names.Where(n => n.Evidence is null or { Status: DnssecStatus.Indeterminate }).Select(n => n.Name).ToList();
        if (bogus.Count > 0)
            return new(id, TestStatus.Failed, $"bogus mail server domain(s): {string.Join("; ", bogus)}", rows);
        if (unknown.Count > 0)
            return new(id, TestStatus.NotTestable, $"the DNSSEC status could not be determined for: {string.Join(", ", unknown)}", rows);
        var secure = names.Count(n => n.Evidence?.Status == DnssecStatus.Secure);
        return secure == 0
            ? new(id, TestStatus.NotTested, "no mail server domain is signed, so there is nothing to validate", rows)
            : new(id, TestStatus.Passed, $"all {secure} signed mail server domains validate", rows);
    }

    /// <summary>mailscan_dnssec_reason: the broken link of every bogus or undetermined name (information, not scored).</summary>
    public static SubtestResult Reasons(MailServerEvidence servers, IProbeResults results)
    {
        var id = DnssecSubtestIds.Reason;
        var names = new[] { servers.Domain }.Concat(servers.MailServers.Select(m => m.Name)).Distinct().ToList();
        var broken = new List<string>();
        var rows = new JsonArray();
        foreach (var name in names)
        {
            var (evidence, why) = Find(name, results);
            if (evidence is null || evidence.Status is DnssecStatus.Bogus or DnssecStatus.Indeterminate)
            {
                broken.Add($"{name}: {why ?? evidence!.Reason}");
                rows.Add(Row(evidence) ?? new JsonObject { ["name"] = name, ["status"] = "INDETERMINATE", ["reason"] = why });
            }
        }
        var details = new JsonObject { ["names"] = rows };
        return broken.Count == 0
            ? new(id, TestStatus.Passed, "no name has a broken chain of trust", details)
            : new(id, TestStatus.Info, string.Join("; ", broken), details);
    }

    private static SubtestResult? NoMailServers(MailServerEvidence servers, string id)
    {
        if (servers.MxUnknown)
            return new(id, TestStatus.NotTestable, $"the MX records could not be looked up ({servers.MxStatus})");
        if (servers.NullMx && servers.MailServers.Count == 0)
            return new SubtestResult(id, TestStatus.NotTested, "the domain receives no mail (null MX)") { Level = SubtestLevels.WithoutMailServer };
        if (servers.MailServers.Count == 0)
            return new SubtestResult(id, TestStatus.NotTested, "the domain has no mail server (no MX records)") { Level = SubtestLevels.WithoutMailServer };
        return null;
    }

    private static (JsonObject Rows, List<(string Name, DnssecEvidence? Evidence)> Names) MxTable(MailServerEvidence servers, IProbeResults results)
    {
        var names = servers.MailServers.Select(m => m.Name).Distinct().Select(n => (Name: n, Evidence: Find(n, results).Evidence)).ToList();
        var rows = new JsonArray();
        foreach (var (name, evidence) in names)
            rows.Add(Row(evidence) ?? new JsonObject { ["name"] = name, ["status"] = "INDETERMINATE" });
        return (new JsonObject { ["names"] = rows }, names);
    }

    private static (DnssecEvidence? Evidence, string? Why) Find(string name, IProbeResults results)
    {
        var result = results.Find(new ProbeKey(ProbeKinds.Dnssec, name));
        var evidence = result?.EvidenceAs<DnssecEvidence>();
        return evidence is not null ? (evidence, null) : (null, result?.Reason is { Length: > 0 } reason ? reason : "not measured");
    }

    private static JsonObject? Row(DnssecEvidence? evidence) => evidence is null ? null : EvidenceJson.ToObject(evidence);
}
