using MailScan.Checks.StartTls;
using MailScan.Checks.Verdicts;

namespace MailScan.Checks.Tests.Verdicts;

/// <summary>Every branch of Internet.nl's category verdict (internetnl-notes.md §2.2) as CategoryStatus.Of applies it.</summary>
public sealed class CategoryStatusTests
{
    private const string Category = CategoryIds.Auth;

    private static SubtestResult T(TestStatus status, SubtestLevel level = SubtestLevel.Mandatory, string id = "mail_auth_spf_exist") =>
        new(id, status, "r") { Level = level };

    private static TestStatus Of(params SubtestResult[] tests) => CategoryStatus.Of(Category, tests).Status;

    [Fact]
    public void Error_comes_first() =>
        Assert.Equal(TestStatus.Error, Of(T(TestStatus.Failed), T(TestStatus.NotTestable), T(TestStatus.Error, SubtestLevel.Info)));

    [Fact]
    public void Not_testable_comes_before_failed_and_says_what_could_be_tested()
    {
        var verdict = CategoryStatus.Of(Category, [T(TestStatus.Failed), new SubtestResult("mail_auth_dkim_exist", TestStatus.NotTestable, "timeout")]);
        Assert.Equal(TestStatus.NotTestable, verdict.Status);
        Assert.Contains("mail_auth_dkim_exist: timeout", verdict.Note, StringComparison.Ordinal);
        Assert.Contains("what could be tested is failed", verdict.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mandatory_failure_fails_the_category() =>
        Assert.Equal(TestStatus.Failed, Of(T(TestStatus.Passed), T(TestStatus.Warning, SubtestLevel.Notice), T(TestStatus.Failed)));

    [Fact]
    public void Not_tested_on_a_mandatory_subtest_counts_as_failed() =>
        Assert.Equal(TestStatus.Failed, Of(T(TestStatus.Passed), T(TestStatus.NotTested)));

    [Fact]
    public void Not_tested_on_an_informational_subtest_does_not_count() =>
        Assert.Equal(TestStatus.Passed, Of(T(TestStatus.Passed), T(TestStatus.NotTested, SubtestLevel.Info)));

    [Fact]
    public void A_notice_leaves_a_category_with_mandatory_subtests_passed() =>
        Assert.Equal(TestStatus.Passed, Of(T(TestStatus.Passed), T(TestStatus.Warning, SubtestLevel.Notice)));

    [Fact]
    public void A_phase_out_warning_on_a_mandatory_subtest_leaves_the_category_passed() =>
        Assert.Equal(TestStatus.Passed, Of(T(TestStatus.Passed), T(TestStatus.Warning)));

    [Fact]
    public void A_notice_lowers_a_category_without_mandatory_subtests() =>
        Assert.Equal(TestStatus.Warning, Of(T(TestStatus.Passed, SubtestLevel.Info), T(TestStatus.Warning, SubtestLevel.Notice)));

    [Fact]
    public void Information_lowers_only_a_category_with_neither_mandatory_nor_notice_subtests()
    {
        Assert.Equal(TestStatus.Passed, Of(T(TestStatus.Passed), T(TestStatus.Info, SubtestLevel.Info)));
        Assert.Equal(TestStatus.Passed, Of(T(TestStatus.Passed, SubtestLevel.Notice), T(TestStatus.Info, SubtestLevel.Info)));
        Assert.Equal(TestStatus.Info, Of(T(TestStatus.Passed, SubtestLevel.Info), T(TestStatus.Info, SubtestLevel.Info)));
    }

    [Fact]
    public void Report_only_subtests_never_count() =>
        Assert.Equal(TestStatus.Passed, Of(T(TestStatus.Passed), T(TestStatus.Error, SubtestLevel.ReportOnly, "mailscan_tls_rpt")));

    [Fact]
    public void Rpki_subtests_are_never_mandatory_for_the_icon()
    {
        var rpki = (TestStatus status, string id) => new SubtestResult(id, status, "r");
        Assert.Equal(TestStatus.Passed, CategoryStatus.Of(CategoryIds.Rpki, [rpki(TestStatus.NotTested, "mail_rpki_valid"), rpki(TestStatus.NotTested, "mail_rpki_exists")]).Status);
        Assert.Equal(TestStatus.Warning, CategoryStatus.Of(CategoryIds.Rpki, [rpki(TestStatus.Passed, "mail_rpki_valid"), rpki(TestStatus.Warning, "mail_rpki_exists")]).Status);
        Assert.Equal(TestStatus.Failed, CategoryStatus.Of(CategoryIds.Rpki, [rpki(TestStatus.Failed, "mail_rpki_valid"), rpki(TestStatus.Warning, "mail_rpki_exists")]).Status);
    }

    [Fact]
    public void Starttls_with_at_most_one_tested_subtest_follows_availability()
    {
        SubtestResult[] NoMx(TestStatus available) =>
            [.. StartTlsSubtestIds.All.Select(id => new SubtestResult(id, id == StartTlsSubtestIds.Available ? available : TestStatus.NotTested, "r") { Level = SubtestLevel.Info })];
        Assert.Equal(TestStatus.Info, CategoryStatus.Of(CategoryIds.StartTls, NoMx(TestStatus.NotTested)).Status);
        Assert.Equal(TestStatus.Warning, CategoryStatus.Of(CategoryIds.StartTls, NoMx(TestStatus.Warning)).Status);
        var unreachable = CategoryStatus.Of(CategoryIds.StartTls, NoMx(TestStatus.NotTestable));
        Assert.Equal(TestStatus.NotTestable, unreachable.Status);
        Assert.NotEmpty(unreachable.Note);
    }

    [Fact]
    public void Statuses_beyond_the_level_are_clamped()
    {
        Assert.Equal(TestStatus.Info, SubtestLevels.Clamp(TestStatus.Failed, SubtestLevel.Info));
        Assert.Equal(TestStatus.Info, SubtestLevels.Clamp(TestStatus.Warning, SubtestLevel.Info));
        Assert.Equal(TestStatus.Warning, SubtestLevels.Clamp(TestStatus.Failed, SubtestLevel.Notice));
        Assert.Equal(TestStatus.Failed, SubtestLevels.Clamp(TestStatus.Failed, SubtestLevel.Mandatory));
        Assert.Equal(TestStatus.NotTestable, SubtestLevels.Clamp(TestStatus.NotTestable, SubtestLevel.Info));
        Assert.Equal(TestStatus.Error, SubtestLevels.Clamp(TestStatus.Error, SubtestLevel.Notice));
    }

    [Fact]
    public void The_judgement_clamps_before_it_decides()
    {
        var result = CategoryJudgement.Make(CategoryIds.StartTls,
        [
            new SubtestResult(StartTlsSubtestIds.Available, TestStatus.Passed, "r"),
            new SubtestResult(StartTlsSubtestIds.Version, TestStatus.Passed, "r"),
            new SubtestResult(StartTlsSubtestIds.CertChain, TestStatus.Failed, "self-signed"),
            new SubtestResult(StartTlsSubtestIds.Caa, TestStatus.Failed, "no CAA"),
        ], status => status.ToString());
        Assert.Equal(TestStatus.Passed, result.Status);
        Assert.Equal(TestStatus.Info, result.Tests.Single(t => t.Id == StartTlsSubtestIds.CertChain).Status);
        Assert.Equal(TestStatus.Warning, result.Tests.Single(t => t.Id == StartTlsSubtestIds.Caa).Status);
    }

    [Fact]
    public void Levels_follow_what_was_tested()
    {
        Assert.Equal(SubtestLevel.Info, SubtestLevels.ExtendedMasterSecret(tls12Offered: false));
        Assert.Equal(SubtestLevel.Mandatory, SubtestLevels.ExtendedMasterSecret(tls12Offered: true));
        Assert.Equal(SubtestLevel.Mandatory, SubtestLevels.CertDomain(bindingByDaneTa: true));
        Assert.Equal(SubtestLevel.Info, SubtestLevels.CertDomain(bindingByDaneTa: false));
        Assert.Equal(SubtestLevel.Info, SubtestLevels.DaneValid(usableTlsa: false));
        Assert.Equal(SubtestLevel.Info, SubtestLevels.Dkim(sendsNoMail: true));
        Assert.Equal(SubtestLevel.Notice, SubtestLevels.Of(StartTlsSubtestIds.Caa));
        Assert.Equal(SubtestLevel.Info, SubtestLevels.Of(StartTlsSubtestIds.ClientRenegotiation));
        Assert.Equal(SubtestLevel.ReportOnly, SubtestLevels.Of("mailscan_mta_sts"));
    }
}
