using MailScan.Checks.StartTls;
using MailScan.Checks.Verdicts;
using MailScan.Tls;
using MailScan.Tls.Enumeration;
using MailScan.Tls.Renegotiation;

namespace MailScan.Checks.Tests.StartTls;

/// <summary>mail_starttls_tls_clientreneg: refused → PASSED, cut off after a few → INFO, allowed every time asked → FAILED.</summary>
public sealed class ClientRenegotiationVerdictTests
{
    private static TlsEvaluation Tls(ClientRenegotiationResult? result, params TlsVersion[] versions) => new(
        "Verdict", 10, true, versions.Length > 0 ? versions : [TlsVersion.Tls13, TlsVersion.Tls12], [TlsVersion.Tls11, TlsVersion.Tls10, TlsVersion.Ssl30],
        [], null, [], new KeyExchangeHashResult(true, false, false, []), false, true, true, [], [])
    {
        ClientRenegotiation = result,
    };

    private static ServerVerdict Judge(ClientRenegotiationResult? result, params TlsVersion[] versions) =>
        TlsServerVerdicts.ClientRenegotiation(Tls(result, versions));

    [Fact]
    public void A_refused_first_renegotiation_passes()
    {
        var verdict = Judge(new ClientRenegotiationResult(false, "the server refused the first renegotiation (alert no_renegotiation)") { Asked = 11, CutOff = true });
        Assert.Equal(TestStatus.Passed, verdict.Status);
        Assert.Contains("no_renegotiation", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    public void A_server_that_cuts_a_client_off_after_a_few_is_info(int completed)
    {
        var verdict = Judge(new ClientRenegotiationResult(true, $"the server completed {completed} renegotiations and refused the next") { Completed = completed, Asked = 11, CutOff = true });
        Assert.Equal(TestStatus.Info, verdict.Status);
        Assert.Contains("low limit", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains($"completed {completed}", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_that_completes_every_renegotiation_asked_for_fails()
    {
        var verdict = Judge(new ClientRenegotiationResult(true, "the server completed all 11 renegotiations asked for on one connection") { Completed = 11, Asked = 11 });
        Assert.Equal(TestStatus.Failed, verdict.Status);
        Assert.Contains("without a low limit", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Allowed_renegotiations_whose_limit_could_not_be_measured_are_info_not_failed()
    {
        var verdict = Judge(new ClientRenegotiationResult(true, "the server completed 2 renegotiations, then the test broke off (the server's answer could not be decrypted)") { Completed = 2, Asked = 11 });
        Assert.Equal(TestStatus.Info, verdict.Status);
        Assert.Contains("could not be measured", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_answer_to_the_first_renegotiation_is_not_testable()
    {
        var verdict = Judge(new ClientRenegotiationResult(null, "the answer to the first renegotiation could not be read") { Asked = 11 });
        Assert.Equal(TestStatus.NotTestable, verdict.Status);
    }

    [Fact]
    public void A_server_without_the_suites_the_test_completes_is_not_tested()
    {
        Assert.Equal(TestStatus.NotTested, Judge(null).Status);
    }

    [Fact]
    public void A_tls13_only_server_passes_as_not_applicable()
    {
        var verdict = Judge(null, TlsVersion.Tls13);
        Assert.Equal(TestStatus.Passed, verdict.Status);
        Assert.StartsWith("not applicable", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_test_the_strict_server_budget_left_no_time_for_is_not_testable_and_says_why()
    {
        const string Spent = "the strict server's time budget (120 s) ran out after 14 connections (2 put off with a 4xx or a refused connection)";
        var verdict = Judge(new ClientRenegotiationResult(null, Spent));
        Assert.Equal(TestStatus.NotTestable, verdict.Status);
        Assert.Contains(Spent, verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_enumeration_stopped_before_tls_1_2_leaves_renegotiation_not_testable_rather_than_not_applicable()
    {
        var stopped = Tls(null, TlsVersion.Tls13) with { Complete = false, VersionsRefused = [], Notes = ["hello 3: the strict server's time budget (120 s) ran out after 5 connections"] };
        var verdict = TlsServerVerdicts.ClientRenegotiation(stopped);
        Assert.Equal(TestStatus.NotTestable, verdict.Status);
        Assert.Contains("time budget", verdict.Reason, StringComparison.Ordinal);
    }
}
