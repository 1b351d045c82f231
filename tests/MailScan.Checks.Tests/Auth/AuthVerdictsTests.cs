using MailScan.Checks.Auth;
using MailScan.Checks.Auth.MtaSts;
using MailScan.Checks.Discovery;
using MailScan.Checks.Policy;
using MailScan.Checks.Policy.Spf;
using MailScan.Checks.Scanning;
using MailScan.Checks.Verdicts;

namespace MailScan.Checks.Tests.Auth;

/// <summary>The authenticity verdicts on captured evidence.</summary>
public sealed class AuthVerdictsTests
{
    private static TxtEvidence Txt(string name, params string[] records) => new(name, "NOERROR", records);

    private static TxtEvidence Nx(string name) => new(name, "NXDOMAIN", []);

    private static DmarcEvidence Dmarc(TxtEvidence own, TxtEvidence? org = null, params TxtEvidence[] authorisations) =>
        new(own, org is null ? "example.nl" : org.Name["_dmarc.".Length..], org, authorisations, "test");

    private static AuthEvidence Auth(string spf, string? dmarc, string dkimStatus) => new(
        "example.nl",
        new SpfEvidence(Txt("example.nl", spf), [], []),
        Dmarc(dmarc is null ? Nx("_dmarc.example.nl") : Txt("_dmarc.example.nl", dmarc)),
        new DkimEvidence(new TxtEvidence("_domainkey.example.nl", dkimStatus, []), ["default"], []),
        Nx("_smtp._tls.example.nl"));

    private static MailServerEvidence Servers(params string[] mx) =>
        new("example.nl", "NOERROR", false, mx.Select(m => new HostAddresses(m, 10, ["192.0.2.1"], [], "NOERROR", "NOERROR")).ToList(), "NOERROR", "example.nl", []);

    [Fact]
    public void A_non_sending_domain_needs_no_dkim()
    {
        var evidence = Auth("v=spf1 -all exp=why.example.nl", "v=DMARC1; p=reject", "NXDOMAIN");
        Assert.True(AuthCheck.SendsNoMail(evidence));
        Assert.Equal(TestStatus.NotTested, DkimVerdicts.Exist(evidence.Dkim, sendsNoMail: true).Status);
    }

    [Theory]
    [InlineData("v=spf1 mx -all", "v=DMARC1; p=reject")]
    [InlineData("v=spf1 -all", "v=DMARC1; p=quarantine")]
    [InlineData("v=spf1 -all redirect=x.example.nl", "v=DMARC1; p=reject")]
    public void A_domain_that_may_send_is_not_non_sending(string spf, string dmarc) =>
        Assert.False(AuthCheck.SendsNoMail(Auth(spf, dmarc, "NXDOMAIN")));

    [Fact]
    public void Dkim_keys_below_an_nxdomain_node_reveal_a_broken_name_server()
    {
        var evidence = new DkimEvidence(Nx("_domainkey.example.nl"), ["default"], [Txt("default._domainkey.example.nl", "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=")]);
        var result = DkimVerdicts.Exist(evidence, sendsNoMail: false);
        Assert.Equal(TestStatus.Passed, result.Status);
        Assert.Contains("RFC 8020", result.Reason);
        Assert.Equal(true, (bool?)result.Details!["emptyNonTerminalNxdomain"]);
    }

    [Fact]
    public void A_dkim_node_that_cannot_be_looked_up_is_not_testable() =>
        Assert.Equal(TestStatus.NotTestable, DkimVerdicts.Exist(new DkimEvidence(new TxtEvidence("_domainkey.example.nl", "SERVFAIL", []), [], []), false).Status);

    [Fact]
    public void A_subdomain_inherits_sp_from_the_organisational_domain()
    {
        var evidence = Dmarc(Nx("_dmarc.mail.example.nl"), Txt("_dmarc.example.nl", "v=DMARC1; p=reject; sp=none"));
        Assert.Equal(TestStatus.Passed, DmarcVerdicts.Exist(evidence).Status);
        var policy = DmarcVerdicts.Policy(evidence);
        Assert.Equal(TestStatus.Failed, policy.Status);
        Assert.StartsWith("sp=none", policy.Reason);
    }

    [Fact]
    public void Several_records_at_the_domain_do_not_fall_back_to_the_organisational_domain()
    {
        var evidence = Dmarc(Txt("_dmarc.mail.example.nl", "v=DMARC1; p=reject", "v=DMARC1; p=none"), Txt("_dmarc.example.nl", "v=DMARC1; p=reject"));
        Assert.Equal(TestStatus.Failed, DmarcVerdicts.Exist(evidence).Status);
        Assert.Equal(TestStatus.NotTested, DmarcVerdicts.Policy(evidence).Status);
    }

    [Theory]
    [InlineData("v=DMARC1; p=quarantine; t=y", TestStatus.Failed)]
    [InlineData("v=DMARC1; p=reject; t=y", TestStatus.Passed)]
    [InlineData("v=DMARC1; rua=mailto:d@example.nl", TestStatus.Failed)]
    [InlineData("v=DMARC1; p=quarantine; pct=10", TestStatus.Passed)]
    public void Dmarc_policy_strictness(string record, TestStatus expected) =>
        Assert.Equal(expected, DmarcVerdicts.Policy(Dmarc(Txt("_dmarc.example.nl", record))).Status);

    [Fact]
    public void An_unauthorised_external_destination_is_a_warning()
    {
        var evidence = Dmarc(Txt("_dmarc.example.nl", "v=DMARC1; p=reject; rua=mailto:d@reports.example.com,mailto:e@example.nl"),
            null, Nx("example.nl._report._dmarc.reports.example.com"));
        Assert.Equal(TestStatus.Warning, DmarcVerdicts.ExtDestination(evidence).Status);
        Assert.Equal(TestStatus.Warning, DmarcVerdicts.Policy(evidence).Status);
        var authorised = evidence with { Authorisations = [Txt("example.nl._report._dmarc.reports.example.com", "v=DMARC1")] };
        Assert.Equal(TestStatus.Passed, DmarcVerdicts.ExtDestination(authorised).Status);
    }

    [Fact]
    public void Spf_lookup_failure_is_not_testable_not_failed()
    {
        var evidence = new SpfEvidence(new TxtEvidence("example.nl", "TIMEOUT", []), [], []);
        Assert.Equal(TestStatus.NotTestable, SpfVerdicts.Exist(evidence).Status);
        Assert.Equal(TestStatus.NotTestable, SpfVerdicts.Policy(evidence).Status);
    }

    [Theory]
    [InlineData("v=spf1 include:_spf.example.com -all", "v=spf1 ip4:192.0.2.1 ~al", 0)]
    [InlineData("v=spf1 include:_spf.example.com -all", "not spf", 0)]
    [InlineData("v=spf1 redirect=_spf.example.com", "v=spf1 -all\u0000v=spf1 ~all", 0)]
    [InlineData("v=spf1 include:_spf.example.com -all", null, Scoring.Partial)]
    public void A_broken_include_or_redirect_scores_as_internetnl_does(string record, string? target, int points)
    {
        var found = target is null ? Nx("_spf.example.com") : Txt("_spf.example.com", target.Split('\u0000'));
        var result = SpfVerdicts.Policy(new SpfEvidence(Txt("example.nl", record), [found], []));

        Assert.Equal(TestStatus.Failed, result.Status);
        var scored = result.Points.Count > 0 ? Assert.Single(result.Points).Points : Scoring.FromStatus(result.Id, result.Status);
        Assert.Equal(points, scored);
    }

    [Fact]
    public void Spf_include_that_does_not_exist_breaks_the_policy()
    {
        var evidence = new SpfEvidence(Txt("example.nl", "v=spf1 include:_spf.gone.example -all"), [Nx("_spf.gone.example")], []);
        var result = SpfVerdicts.Policy(evidence);
        Assert.Equal(TestStatus.Failed, result.Status);
        Assert.Contains("does not exist", result.Reason);
    }

    [Fact]
    public void A_question_mark_all_inside_an_include_is_fine()
    {
        var evidence = new SpfEvidence(Txt("example.nl", "v=spf1 include:_spf.example.com -all"), [Txt("_spf.example.com", "v=spf1 ip4:192.0.2.0/24 ?all")], []);
        Assert.Equal(TestStatus.Passed, SpfVerdicts.Policy(evidence).Status);
    }

    [Fact]
    public void Redirect_is_not_followed_when_there_is_an_all()
    {
        var report = SpfPolicyAnalysis.Analyse("example.nl", new Dictionary<string, TxtEvidence> { ["example.nl"] = Txt("example.nl", "v=spf1 ~all redirect=gone.example") }, new Dictionary<string, SpfTargetEvidence>());
        Assert.True(report.IsComplete);
        Assert.Equal(SpfQualifier.SoftFail, report.FinalAll);
    }

    [Fact]
    public void Mta_sts_enforced_over_every_mx_passes_but_never_scores()
    {
        var evidence = new MtaStsEvidence("example.nl", Txt("_mta-sts.example.nl", "v=STSv1; id=1;"), "https://mta-sts.example.nl/.well-known/mta-sts.txt", ["192.0.2.1"],
            MtaStsFetchState.Fetched, 200, "text/plain", "version: STSv1\nmode: enforce\nmx: *.example.nl\nmax_age: 604800\n");
        var pass = TransportPolicyVerdicts.MtaSts(evidence, Servers("mx1.example.nl"));
        Assert.Equal((TestStatus.Passed, SubtestLevel.ReportOnly), (pass.Status, pass.Level));
        Assert.Equal(TestStatus.Failed, TransportPolicyVerdicts.MtaSts(evidence, Servers("mx1.example.nl", "mx.other.example")).Status);
        Assert.Equal(TestStatus.Failed, TransportPolicyVerdicts.MtaSts(evidence with { State = MtaStsFetchState.TlsFailed, Policy = null, Error = "bad certificate" }, Servers("mx1.example.nl")).Status);
    }

    [Fact]
    public void A_missing_auth_probe_makes_every_scoring_subtest_not_testable()
    {
        var results = new ProbeResultSet();
        results.Add(ProbeResult.NotCompleted(new ProbeKey(AuthProbe.Name, "example.nl"), ProbeOutcome.TimedOut, "the probe did not finish", TimeSpan.Zero));
        var category = new AuthCheck().Judge(Servers("mx1.example.nl"), results);
        Assert.Equal(TestStatus.NotTestable, category.Status);
        Assert.All(category.Tests.Take(6), t => Assert.Equal(TestStatus.NotTestable, t.Status));
    }
}
