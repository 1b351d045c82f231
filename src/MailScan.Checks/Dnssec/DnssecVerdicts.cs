using System.Text.Json.Nodes;
using MailScan.Checks.Discovery;
using MailScan.Checks.Scanning;
using MailScan.Checks.Verdicts;
using MailScan.Dns.Dnssec;

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

    /// <summary>
    /// The mail domain validates: its SOA (Internet.nl's question) and its MX RRset (the sender's).
    /// Either bogus fails with the broken link; a secure SOA with an undetermined MX RRset is not
    /// testable; an insecure SOA is not tested.
    /// </summary>
    public static SubtestResult MailtoValid(MailServerEvidence servers, IProbeResults results)
    {
        var id = DnssecSubtestIds.MailtoValid;
        var (evidence, why) = Find(servers.Domain, results);
        var (sender, senderWhy) = FindSender(DnssecMailtoProbe.Name, servers.Domain, results);
        var details = Details(evidence is null ? [] : [Row(evidence)!], sender);
        var bogus = sender?.Answers.Where(a => a.Status == DnssecStatus.Bogus).ToList() ?? [];
        SubtestResult result = evidence?.Status switch
        {
            DnssecStatus.Bogus => new(id, TestStatus.Failed, $"{servers.Domain} is bogus: {evidence.Reason}", details),
            _ when bogus.Count > 0 => new(id, TestStatus.Failed,
                $"{Describe(bogus)}, so a validating sending server cannot find the mail servers; the SOA of {servers.Domain}, the only answer Internet.nl validates, is {Words(evidence?.Status)}", details),
            DnssecStatus.Secure when sender is null || sender.Answers.Any(a => a.Status == DnssecStatus.Indeterminate) => new(id, TestStatus.NotTestable,
                $"the SOA of {servers.Domain} validates, but the DNSSEC status of its MX RRset could not be determined: {senderWhy ?? Undetermined(sender!)}", details),
            DnssecStatus.Secure => new(id, TestStatus.Passed, $"{servers.Domain} validates: the chain of trust is complete, for its SOA and for its MX RRset", details),
            DnssecStatus.Insecure => new(id, TestStatus.NotTested, $"{servers.Domain} is not signed, so there is nothing to validate", details),
            _ => new(id, TestStatus.NotTestable, $"the DNSSEC status of {servers.Domain} could not be determined: {why ?? evidence?.Reason}", details),
        };
        return result with { Points = NamePoints(servers, results) };
    }

    /// <summary>
    /// Internet.nl scores DNSSEC per name, the domain and every MX name (secure 10, insecure 2,
    /// bogus 0), and the category takes the worst name: the points ride on this sub-test.
    /// </summary>
    /// <remarks>A name some sending server's question about is bogus scores as bogus, whatever its SOA.</remarks>
    private static IReadOnlyList<ServerPoints> NamePoints(MailServerEvidence servers, IProbeResults results) =>
        new[] { servers.Domain }.Concat(servers.MailServers.Select(m => m.Name)).Distinct()
            .Select(name => new ServerPoints(name, SenderBogus(name, results).Count > 0 ? 0 : Find(name, results).Evidence?.Status switch
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

    /// <summary>
    /// Every signed MX name is secure, for its SOA (Internet.nl's question) and for what a sending
    /// server resolves: its A and AAAA answers and its _25._tcp TLSA answer or denial. Any bogus
    /// fails with the RRset and the broken link.
    /// </summary>
    public static SubtestResult MxValid(MailServerEvidence servers, IProbeResults results)
    {
        var id = DnssecSubtestIds.MxValid;
        if (NoMailServers(servers, id) is { } notApplicable)
            return notApplicable;
        var (rows, names) = MxTable(servers, results);
        var senders = names.Select(n => FindSender(DnssecMxHostProbe.Name, n.Name, results)).ToList();
        var details = Details(rows["names"]!.AsArray().Select(r => r!.DeepClone().AsObject()), senders.Select(s => s.Evidence).ToArray());
        var bogus = names.Zip(senders).Select(p => BogusName(p.First.Name, p.First.Evidence, p.Second.Evidence)).OfType<string>().ToList();
        var unknown = names.Zip(senders)
            .Where(p => p.First.Evidence is null or { Status: DnssecStatus.Indeterminate }
                || (p.First.Evidence.Status == DnssecStatus.Secure && (p.Second.Evidence is null || p.Second.Evidence.Answers.Any(a => a.Status == DnssecStatus.Indeterminate))))
            .Select(p => p.First.Name).ToList();
        if (bogus.Count > 0)
            return new(id, TestStatus.Failed, $"bogus mail server domain(s): {string.Join("; ", bogus)}", details);
        if (unknown.Count > 0)
            return new(id, TestStatus.NotTestable, $"the DNSSEC status could not be determined for: {string.Join(", ", unknown)}", details);
        var secure = names.Count(n => n.Evidence?.Status == DnssecStatus.Secure);
        return secure == 0
            ? new(id, TestStatus.NotTested, "no mail server domain is signed, so there is nothing to validate", details)
            : new(id, TestStatus.Passed, $"all {secure} signed mail server domains validate, for their SOA and for their addresses and TLSA answers", details);
    }

    /// <summary>What is bogus about one MX name, in words, or null when nothing is.</summary>
    private static string? BogusName(string name, DnssecEvidence? soa, DnssecSenderEvidence? sender)
    {
        var parts = new List<string>();
        if (soa?.Status == DnssecStatus.Bogus)
            parts.Add($"its SOA is bogus ({soa.Reason})");
        var bogus = sender?.Answers.Where(a => a.Status == DnssecStatus.Bogus).ToList() ?? [];
        if (bogus.Count > 0)
        {
            var lead = soa?.Status == DnssecStatus.Secure ? "its SOA validates, but " : string.Empty;
            var addressesValidate = sender!.Answers.Any(a => a.IsAddress && !a.Denial && a.Status == DnssecStatus.Secure);
            parts.Add(addressesValidate && bogus.All(a => a.Denial)
                ? $"{lead}its addresses validate while its denials do not: {Describe(bogus)}"
                : $"{lead}{Describe(bogus)}");
            if (bogus.Any(a => a.IsTlsa))
                parts.Add("a sending server's DANE lookup fails");
        }
        return parts.Count == 0 ? null : $"{name}: {string.Join("; ", parts)}";
    }

    /// <summary>mailscan_dnssec_reason: the broken link of every bogus or undetermined name (information, not scored).</summary>
    public static SubtestResult Reasons(MailServerEvidence servers, IProbeResults results)
    {
        var id = DnssecSubtestIds.Reason;
        var names = new[] { servers.Domain }.Concat(servers.MailServers.Select(m => m.Name)).Distinct().ToList();
        var broken = new List<string>();
        var rows = new JsonArray();
        var answers = new JsonArray();
        foreach (var name in names)
        {
            var (evidence, why) = Find(name, results);
            if (evidence is null || evidence.Status is DnssecStatus.Bogus or DnssecStatus.Indeterminate)
            {
                broken.Add($"{name}: {why ?? evidence!.Reason}");
                rows.Add(Row(evidence) ?? new JsonObject { ["name"] = name, ["status"] = "INDETERMINATE", ["reason"] = why });
            }
            foreach (var answer in SenderBogus(name, results))
            {
                broken.Add($"{answer.Query}: {answer.Reason}");
                answers.Add(EvidenceJson.ToObject(answer));
            }
        }
        var details = new JsonObject { ["names"] = rows };
        if (answers.Count > 0)
            details["answers"] = answers;
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
        var result = results.Find(new ProbeKey(DnssecProbe.Name, name));
        var evidence = result?.EvidenceAs<DnssecEvidence>();
        return evidence is not null ? (evidence, null) : (null, result?.Reason is { Length: > 0 } reason ? reason : "not measured");
    }

    private static (DnssecSenderEvidence? Evidence, string? Why) FindSender(string kind, string name, IProbeResults results)
    {
        var result = results.Find(new ProbeKey(kind, name));
        var evidence = result?.EvidenceAs<DnssecSenderEvidence>();
        return evidence is not null ? (evidence, null) : (null, result?.Reason is { Length: > 0 } reason ? reason : "not measured");
    }

    /// <summary>The bogus answers to a sender's questions about a name, as the mail domain or as an MX name.</summary>
    private static List<DnssecAnswer> SenderBogus(string name, IProbeResults results) =>
        new[] { DnssecMailtoProbe.Name, DnssecMxHostProbe.Name }
            .Select(kind => FindSender(kind, name, results).Evidence)
            .SelectMany(e => e?.Answers ?? [])
            .Where(a => a.Status == DnssecStatus.Bogus)
            .ToList();

    private static string Describe(IEnumerable<DnssecAnswer> bogus) =>
        string.Join("; ", bogus.Select(a => $"the {(a.Denial ? "denial" : "answer")} for {a.Query} is bogus ({a.Reason})"));

    private static string Undetermined(DnssecSenderEvidence sender) =>
        string.Join("; ", sender.Answers.Where(a => a.Status == DnssecStatus.Indeterminate).Select(a => $"{a.Query}: {a.Reason}"));

    private static string Words(DnssecStatus? status) => status switch
    {
        DnssecStatus.Secure => "secure",
        DnssecStatus.Insecure => "insecure",
        DnssecStatus.Bogus => "bogus",
        _ => "undetermined",
    };

    /// <summary>The names' SOA rows (Internet.nl's question) and, beside them, every answer a sender's question got.</summary>
    private static JsonObject Details(IEnumerable<JsonObject> names, params DnssecSenderEvidence?[] senders)
    {
        var answers = new JsonArray();
        foreach (var answer in senders.SelectMany(s => s?.Answers ?? []))
            answers.Add(EvidenceJson.ToObject(answer));
        var details = new JsonObject { ["names"] = new JsonArray([.. names]) };
        if (answers.Count > 0)
            details["answers"] = answers;
        return details;
    }

    private static JsonObject? Row(DnssecEvidence? evidence) => evidence is null ? null : EvidenceJson.ToObject(evidence);
}
