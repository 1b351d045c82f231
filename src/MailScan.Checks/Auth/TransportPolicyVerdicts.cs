using System.Text.Json.Nodes;
using MailScan.Checks.Auth.MtaSts;
using MailScan.Checks.Discovery;
using MailScan.Checks.Policy;
using MailScan.Checks.Policy.MtaSts;
using MailScan.Checks.Policy.TlsRpt;
using MailScan.Checks.Verdicts;

namespace MailScan.Checks.Auth;

/// <summary>Our own sub-tests beyond Internet.nl: MTA-STS (RFC 8461) and TLS-RPT (RFC 8460). Reported, not scoring.</summary>
public static class TransportPolicyVerdicts
{
    public static SubtestResult MtaSts(MtaStsEvidence evidence, MailServerEvidence servers)
    {
        var id = AuthSubtestIds.MtaSts;
        var details = new JsonObject { ["record"] = AuthDetails.Txt(evidence.Record), ["fetch"] = evidence.State.ToString(), ["url"] = evidence.PolicyUrl, ["addresses"] = AuthDetails.Strings(evidence.Addresses) };
        if (evidence.Policy is not null)
            details["policy"] = evidence.Policy;
        if (!evidence.Record.IsConclusive)
            return Result(id, TestStatus.NotTestable, $"{evidence.Record.Name} could not be looked up ({AuthDetails.Word(evidence.Record.Status)})", details);
        var records = evidence.Record.Records.Where(MtaStsRecordParser.IsMtaStsRecord).ToList();
        if (records.Count == 0)
        {
            return servers.HasMailServers
                ? Result(id, TestStatus.Info, "no MTA-STS policy: senders may deliver without TLS when an attacker strips STARTTLS (RFC 8461)", details)
                : Result(id, TestStatus.NotTested, "no MTA-STS policy, and the domain has no mail server", details);
        }
        if (records.Count > 1)
            return Result(id, TestStatus.Failed, $"{records.Count} MTA-STS records: senders ignore them all; keep one", details);
        if (MtaStsRecordParser.Parse(records[0]) is { IsValid: false } bad)
            return Result(id, TestStatus.Failed, $"the MTA-STS record is not valid {bad.Error}", details);
        return evidence.State switch
        {
            MtaStsFetchState.Fetched => Policy(evidence, servers, details),
            MtaStsFetchState.NotAllowed or MtaStsFetchState.TimedOut => Result(id, TestStatus.NotTestable, $"the policy could not be fetched: {evidence.Error}", details),
            _ => Result(id, TestStatus.Failed, $"the policy at {evidence.PolicyUrl} could not be fetched: {evidence.Error}; senders then ignore MTA-STS", details),
        };
    }

    private static SubtestResult Policy(MtaStsEvidence evidence, MailServerEvidence servers, JsonObject details)
    {
        var id = AuthSubtestIds.MtaSts;
        var parsed = MtaStsPolicyParser.Parse(evidence.Policy);
        if (!parsed.IsValid)
            return Result(id, TestStatus.Failed, $"the policy file is not valid {parsed.Error}", details);
        var policy = parsed.Value;
        details["mode"] = policy.Mode.ToString().ToLowerInvariant();
        details["maxAge"] = policy.MaxAgeSeconds;
        details["mx"] = AuthDetails.Strings(policy.MxPatterns);
        var notes = evidence.ContentType is "text/plain" ? string.Empty : $" (served as {evidence.ContentType ?? "no media type"}, not text/plain)";
        if (policy.Mode == MtaStsMode.None)
            return Result(id, TestStatus.Info, $"the policy has mode none: MTA-STS is switched off{notes}", details);
        var uncovered = servers.MailServers.Select(m => m.Name).Where(n => !policy.Covers(n)).ToList();
        if (uncovered.Count > 0)
            return Result(id, TestStatus.Failed, $"mail server(s) {string.Join(", ", uncovered)} match no mx pattern of the policy ({string.Join(", ", policy.MxPatterns)}): senders {(policy.Mode == MtaStsMode.Enforce ? "will refuse to deliver to them" : "report failures")}{notes}", details);
        if (policy.Mode == MtaStsMode.Testing)
            return Result(id, TestStatus.Info, $"the policy is in testing mode: senders report problems but still deliver without TLS{notes}", details);
        var age = policy.MaxAgeSeconds < 86_400 ? $"; max_age {policy.MaxAgeSeconds} s is short (weeks are usual)" : string.Empty;
        return Result(id, TestStatus.Passed, $"MTA-STS enforced for all {servers.MailServers.Count} mail server(s){age}{notes}", details);
    }

    public static SubtestResult TlsRpt(TxtEvidence lookup)
    {
        var id = AuthSubtestIds.TlsRpt;
        var details = AuthDetails.Txt(lookup);
        if (!lookup.IsConclusive)
            return Result(id, TestStatus.NotTestable, $"{lookup.Name} could not be looked up ({AuthDetails.Word(lookup.Status)})", details);
        var records = lookup.Records.Where(TlsRptParser.IsTlsRptRecord).ToList();
        if (records.Count == 0)
            return Result(id, TestStatus.Info, $"no TLS-RPT record at {lookup.Name}: nobody is told when senders fail to set up TLS", details);
        if (records.Count > 1)
            return Result(id, TestStatus.Failed, $"{records.Count} TLS-RPT records at {lookup.Name}; there must be one", details);
        var parsed = TlsRptParser.Parse(records[0]);
        return parsed.IsValid
            ? Result(id, TestStatus.Passed, $"TLS reports go to {string.Join(", ", parsed.Value.Destinations.Select(d => d.Text))}", details)
            : Result(id, TestStatus.Failed, $"the TLS-RPT record is not valid {parsed.Error}", details);
    }

    private static SubtestResult Result(string id, TestStatus status, string reason, JsonObject details) =>
        new(id, status, reason, details);
}
