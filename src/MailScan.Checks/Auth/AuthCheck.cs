using MailScan.Checks.Auth.MtaSts;
using MailScan.Checks.Discovery;
using MailScan.Checks.Policy.Dmarc;
using MailScan.Checks.Scanning;
using MailScan.Checks.Verdicts;
using MailScan.Dns;

namespace MailScan.Checks.Auth;

/// <summary>Authenticity marks against phishing: DMARC, DKIM and SPF, plus MTA-STS and TLS-RPT (not scoring).</summary>
public sealed class AuthCheck : IMailCheck
{
    public string CategoryId => CategoryIds.Auth;

    public IReadOnlyList<ProbeRequest> Plan(MailServerEvidence servers) =>
    [
        new(new ProbeKey(AuthProbe.Name, servers.Domain)),
        new(new ProbeKey(MtaStsProbe.Name, servers.Domain)),
    ];

    public CategoryResult Judge(MailServerEvidence servers, IProbeResults results)
    {
        var authResult = results.Find(new ProbeKey(AuthProbe.Name, servers.Domain));
        var mtaStsResult = results.Find(new ProbeKey(MtaStsProbe.Name, servers.Domain));
        // Evidence of another shape (a bus or cache fault) deserialises with missing parts: treat it as not measured.
        var auth = authResult?.EvidenceAs<AuthEvidence>() is { Spf: not null, Dmarc: not null, Dkim: not null, TlsRpt: not null } complete ? complete : null;
        var tests = new List<SubtestResult>();
        var sendsNoMail = auth is not null && SendsNoMail(auth);
        if (auth is null)
        {
            tests.AddRange(AuthSubtestIds.FromAuthProbe.Select(id => NotMeasured(id, authResult)));
        }
        else
        {
            tests.Add(DmarcVerdicts.Exist(auth.Dmarc));
            tests.Add(DmarcVerdicts.Policy(auth.Dmarc));
            tests.Add(DmarcVerdicts.ExtDestination(auth.Dmarc));
            tests.Add(DkimVerdicts.Exist(auth.Dkim, sendsNoMail));
            tests.Add(SpfVerdicts.Exist(auth.Spf));
            tests.Add(SpfVerdicts.Policy(auth.Spf));
        }
        tests.Add(mtaStsResult?.EvidenceAs<MtaStsEvidence>() is { Record: not null } mtaSts
            ? TransportPolicyVerdicts.MtaSts(mtaSts, servers)
            : NotMeasured(AuthSubtestIds.MtaSts, mtaStsResult));
        tests.Add(auth is null
            ? NotMeasured(AuthSubtestIds.TlsRpt, authResult)
            : TransportPolicyVerdicts.TlsRpt(auth.TlsRpt));
        return CategoryJudgement.Make(CategoryId, tests, status => Summary(status, sendsNoMail));
    }

    /// <summary>
    /// The non-sending domain of mailtest.md: no _domainkey, SPF exactly "v=spf1 -all" (exp= aside)
    /// and a valid DMARC record whose effective policy is reject.
    /// </summary>
    public static bool SendsNoMail(AuthEvidence evidence)
    {
        if (evidence.Dkim.Node.Status != DnsStatus.NxDomain || !SpfVerdicts.SendsNoMail(evidence.Spf))
            return false;
        var finding = DmarcDiscovery.Find(evidence.Dmarc);
        return finding.Kind == DmarcFindingKind.Found && DmarcParser.Parse(finding.Record) is { IsValid: true } parsed
            && DmarcVerdicts.Effective(parsed.Value, finding.Inherited).Policy == DmarcPolicy.Reject;
    }

    private static SubtestResult NotMeasured(string id, ProbeResult? result) =>
        new(id, result?.Outcome == ProbeOutcome.Failed ? TestStatus.Error : TestStatus.NotTestable,
            result?.Reason is { Length: > 0 } reason ? reason : "not measured");

    private static string Summary(TestStatus status, bool sendsNoMail) => status switch
    {
        TestStatus.Passed when sendsNoMail => "The domain declares that it sends no mail, and its SPF and DMARC records tell receivers to reject mail that claims to come from it.",
        TestStatus.Passed => "The domain publishes SPF, DKIM and a strict DMARC policy, so receivers can recognise and reject mail that falsely claims to come from it.",
        TestStatus.Failed => "Receivers cannot reliably reject mail that falsely claims to come from the domain: publish a valid SPF record ending in -all or ~all, DKIM keys, and a DMARC policy of quarantine or reject.",
        TestStatus.Warning or TestStatus.Info => "The domain is protected against forged mail; see the remarks below.",
        TestStatus.NotTestable => "Some records could not be looked up, so the result is incomplete; scan again later.",
        TestStatus.Error => "The scanner failed while testing the authenticity marks; the result is incomplete.",
        _ => "There was nothing to test.",
    };
}
