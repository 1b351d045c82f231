using System.Text.Json.Nodes;
using MailScan.Checks.Policy.Spf;
using MailScan.Checks.Verdicts;

namespace MailScan.Checks.Auth;

/// <summary>The SPF rules of mailtest.md, as pure functions of the evidence.</summary>
public static class SpfVerdicts
{
    /// <summary>Exactly one v=spf1 TXT record at the domain.</summary>
    public static SubtestResult Exist(SpfEvidence evidence)
    {
        var id = AuthSubtestIds.SpfExist;
        var lookup = evidence.Domain;
        var details = AuthDetails.Txt(lookup);
        if (!lookup.IsConclusive)
            return new(id, TestStatus.NotTestable, $"the TXT records of {lookup.Name} could not be looked up ({AuthDetails.Word(lookup.Status)})", details);
        var records = lookup.Records.Where(SpfParser.IsSpfRecord).ToList();
        return records.Count switch
        {
            1 => new(id, TestStatus.Passed, $"SPF record: {records[0]}", details),
            0 => new(id, TestStatus.Failed, $"{lookup.Name} has no SPF record; publish one TXT record \"v=spf1 ... -all\"", details),
            _ => new(id, TestStatus.Failed, $"{lookup.Name} has {records.Count} SPF records; receivers treat that as an error (permerror): merge them into one", details),
        };
    }

    /// <summary>Valid syntax, at most 10 DNS-querying terms and 2 void lookups, every include and redirect usable, a final -all or ~all.</summary>
    public static SubtestResult Policy(SpfEvidence evidence)
    {
        var id = AuthSubtestIds.SpfPolicy;
        if (evidence.Domain.Records.Count(SpfParser.IsSpfRecord) != 1)
            return new(id, evidence.Domain.IsConclusive ? TestStatus.NotTested : TestStatus.NotTestable, "there is no single SPF record to judge");
        var report = SpfPolicyAnalysis.Analyse(evidence.Domain.Name, evidence.TxtByName(), evidence.LookupsByKey());
        var details = Details(report);
        if (report.Problem is { } problem)
        {
            var status = problem.Kind == SpfPolicyProblemKind.DnsFailure ? TestStatus.NotTestable : TestStatus.Failed;
            var failed = new SubtestResult(id, status, problem.Message, details);
            // As Internet.nl scores it: a syntax error anywhere, or an include/redirect target without one usable
            // SPF record, earns nothing; a target that does not resolve, too many lookups or a loop keep part.
            return problem.Kind == SpfPolicyProblemKind.Syntax || problem.UnusableTarget || status != TestStatus.Failed ? failed : PartialPoints(failed);
        }
        if (!report.IsComplete)
            return new(id, TestStatus.NotTestable, "the policy reaches more records than the scanner may look up for one domain", details);
        var where = report.FinalAllDomain == SpfPolicyAnalysis.Key(evidence.Domain.Name) ? string.Empty : $" (in the record of {report.FinalAllDomain}, reached by redirect)";
        return report.FinalAll switch
        {
            SpfQualifier.Fail or SpfQualifier.SoftFail =>
                new(id, TestStatus.Passed, $"the policy ends in {Symbol(report.FinalAll.Value)}all{where}, with {report.Lookups} of {SpfLimits.DnsLookups} DNS-querying terms", details),
            SpfQualifier.Pass => PartialPoints(new(id, TestStatus.Failed, $"the policy ends in +all{where}: it allows every server in the world to send mail for the domain; use -all or ~all", details)),
            SpfQualifier.Neutral => PartialPoints(new(id, TestStatus.Failed, $"the policy ends in ?all{where}: it says nothing about other servers; use -all or ~all", details)),
            _ when report.NotFollowed.Count > 0 => new(id, TestStatus.Info, $"the final policy depends on macros and could not be judged: {string.Join("; ", report.NotFollowed)}", details),
            _ => PartialPoints(new(id, TestStatus.Failed, "the policy has no \"all\" and no redirect, so other servers get neutral; end the record with -all or ~all", details)),
        };
    }

    /// <summary>A policy that works but is too lax (or too big) keeps part of the points; a syntax error, here or in a target, earns none.</summary>
    private static SubtestResult PartialPoints(SubtestResult result) => result with { Points = [new ServerPoints(string.Empty, Scoring.Partial)] };

    /// <summary>The record is exactly "v=spf1 -all" (an exp= aside): the domain sends no mail.</summary>
    public static bool SendsNoMail(SpfEvidence evidence)
    {
        var records = evidence.Domain.Records.Where(SpfParser.IsSpfRecord).ToList();
        if (records.Count != 1 || SpfParser.Parse(records[0]) is not { IsValid: true } parsed)
            return false;
        var record = parsed.Value;
        return record.Mechanisms is [{ Kind: SpfMechanismKind.All, Qualifier: SpfQualifier.Fail }]
            && record.Redirect is null && record.UnknownModifiers.Count == 0;
    }

    private static string Symbol(SpfQualifier qualifier) => qualifier switch
    {
        SpfQualifier.Fail => "-",
        SpfQualifier.SoftFail => "~",
        SpfQualifier.Neutral => "?",
        _ => "+",
    };

    private static JsonObject Details(SpfPolicyReport report)
    {
        var chain = new JsonArray();
        foreach (var link in report.Chain)
            chain.Add(new JsonObject { ["domain"] = link.Domain, ["role"] = link.Role, ["record"] = link.Record });
        var details = new JsonObject
        {
            ["records"] = chain,
            ["dnsLookups"] = report.Lookups,
            ["voidLookups"] = report.VoidLookups,
        };
        if (report.FinalAll is { } all)
            details["finalAll"] = Symbol(all) + "all";
        if (report.NotFollowed.Count > 0)
            details["notFollowed"] = AuthDetails.Strings(report.NotFollowed);
        return details;
    }
}
