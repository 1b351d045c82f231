using MailScan.Checks.Ipv6;
using MailScan.Checks.Rpki;
using MailScan.Checks.StartTls;
using MailScan.Checks.Verdicts;

namespace MailScan.Checks.Tests.Verdicts;

/// <summary>Every branch of the points table and the percentages (internetnl-notes.md §2.3, §2.6).</summary>
public sealed class ScoringTests
{
    private static SubtestResult T(string id, TestStatus status, params (string Server, double? Points)[] points) =>
        new(id, status, "r") { Points = [.. points.Select(p => new ServerPoints(p.Server, p.Points))] };

    private static CategoryResult C(string id, int? score, string note = "") =>
        new(id, CategoryIds.Heading(id), TestStatus.Passed, "s", []) { Score = new CategoryScore(score, note) };

    [Fact]
    public void Points_follow_the_status_when_nothing_else_is_said()
    {
        Assert.Equal(10, Scoring.FromStatus(StartTlsSubtestIds.Version, TestStatus.Passed));
        Assert.Equal(10, Scoring.FromStatus(StartTlsSubtestIds.Ciphers, TestStatus.Warning));
        Assert.Equal(0, Scoring.FromStatus(StartTlsSubtestIds.Version, TestStatus.Failed));
        Assert.Equal(0, Scoring.FromStatus(StartTlsSubtestIds.Version, TestStatus.NotTested));
        Assert.Null(Scoring.FromStatus(StartTlsSubtestIds.Version, TestStatus.NotTestable));
    }

    [Fact]
    public void Rpki_roa_existence_is_worth_five_and_nothing_to_validate_earns_full_points()
    {
        Assert.Equal(5, SubtestLevels.FullPoints(RpkiSubtestIds.MxExists));
        Assert.Equal(10, SubtestLevels.FullPoints(RpkiSubtestIds.MxValid));
        Assert.Equal(0, Scoring.FromStatus(RpkiSubtestIds.MxExists, TestStatus.Warning));
        Assert.Equal(5, Scoring.FromStatus(RpkiSubtestIds.MxExists, TestStatus.NotTested));
        var score = Scoring.Category(CategoryIds.Rpki,
        [
            T(RpkiSubtestIds.MxExists, TestStatus.Warning), T(RpkiSubtestIds.MxValid, TestStatus.Passed),
            T(RpkiSubtestIds.NsExists, TestStatus.Passed), T(RpkiSubtestIds.NsValid, TestStatus.Passed),
            T(RpkiSubtestIds.MxNsExists, TestStatus.NotTested), T(RpkiSubtestIds.MxNsValid, TestStatus.NotTested),
        ]);
        Assert.Equal(88, score.Percentage); // 40 of 45, truncated from 88.9
    }

    [Fact]
    public void Only_mandatory_subtests_with_points_count()
    {
        var score = Scoring.Category(CategoryIds.StartTls,
        [
            T(StartTlsSubtestIds.Version, TestStatus.Passed),
            new SubtestResult(StartTlsSubtestIds.CertChain, TestStatus.Info, "r"),
            new SubtestResult(StartTlsSubtestIds.Caa, TestStatus.Warning, "r"),
            new SubtestResult(StartTlsSubtestIds.ExtendedMasterSecret, TestStatus.NotTested, "r") { Level = SubtestLevel.Info },
        ]);
        Assert.Equal(100, score.Percentage);
    }

    [Fact]
    public void The_worst_mail_server_decides()
    {
        var score = Scoring.Category(CategoryIds.StartTls,
        [
            T(StartTlsSubtestIds.Version, TestStatus.Failed, ("mx1", 10), ("mx2", 0)),
            T(StartTlsSubtestIds.Ciphers, TestStatus.Passed, ("mx1", 10), ("mx2", 10)),
            T(StartTlsSubtestIds.Compression, TestStatus.Failed, ("mx1", 0), ("mx2", 10)),
        ]);
        Assert.Equal(66, score.Percentage); // both servers 20 of 30
        Assert.Equal((2, 2), (score.ScoredServers, score.Servers));
        Assert.Empty(score.Note);
    }

    [Fact]
    public void The_dane_field_counts_twice_when_tlsa_exists()
    {
        SubtestResult[] Tests(double mx2Dane, SubtestLevel validLevel) =>
        [
            T(StartTlsSubtestIds.Version, TestStatus.Passed, ("mx1", 10), ("mx2", 10)),
            T(StartTlsSubtestIds.DaneExist, TestStatus.Passed, ("mx1", 10), ("mx2", mx2Dane)),
            T(StartTlsSubtestIds.DaneValid, TestStatus.Passed, ("mx1", 10), ("mx2", mx2Dane)) with { Level = validLevel },
        ];
        Assert.Equal(100, Scoring.Category(CategoryIds.StartTls, Tests(10, SubtestLevel.Mandatory)).Percentage);
        Assert.Equal(33, Scoring.Category(CategoryIds.StartTls, Tests(0, SubtestLevel.Mandatory)).Percentage); // mx2: 10 of 30
        Assert.Equal(50, Scoring.Category(CategoryIds.StartTls, Tests(0, SubtestLevel.Info)).Percentage); // no usable TLSA anywhere: 10 of 20
    }

    [Fact]
    public void Servers_that_could_not_be_tested_are_left_out_of_the_minimum()
    {
        var score = Scoring.Category(CategoryIds.StartTls,
        [
            T(StartTlsSubtestIds.Available, TestStatus.NotTestable, ("mx1", 10), ("mx2", 10), ("mx3", null)),
            T(StartTlsSubtestIds.Version, TestStatus.NotTestable, ("mx1", 10), ("mx2", 0), ("mx3", null)),
        ]);
        Assert.Equal(50, score.Percentage);
        Assert.Equal("score over 2 of 3 mail servers", score.Note);
    }

    [Fact]
    public void A_category_where_no_server_could_be_tested_has_no_score()
    {
        var score = Scoring.Category(CategoryIds.StartTls, [T(StartTlsSubtestIds.Available, TestStatus.NotTestable, ("mx1", null), ("mx2", null))]);
        Assert.Null(score.Percentage);
        Assert.Contains("none of the 2 mail servers", score.Note, StringComparison.Ordinal);
        var domainWide = Scoring.Category(CategoryIds.Auth, [T("mail_auth_spf_exist", TestStatus.NotTestable), T("mail_auth_dmarc_exist", TestStatus.Passed)]);
        Assert.Null(domainWide.Percentage);
        Assert.Contains("mail_auth_spf_exist", domainWide.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_category_without_mandatory_subtests_has_no_score()
    {
        var score = Scoring.Category(CategoryIds.StartTls,
            [.. StartTlsSubtestIds.All.Select(id => new SubtestResult(id, TestStatus.NotTested, "no MX") { Level = SubtestLevels.WithoutMailServer })]);
        Assert.Null(score.Percentage);
    }

    [Fact]
    public void Partial_points_come_from_the_verdict()
    {
        var score = Scoring.Category(CategoryIds.Auth,
        [
            T("mail_auth_dmarc_exist", TestStatus.Passed), T("mail_auth_dmarc_policy", TestStatus.Failed, ("", Scoring.Partial)),
            T("mail_auth_dkim_exist", TestStatus.Passed), T("mail_auth_spf_exist", TestStatus.Passed), T("mail_auth_spf_policy", TestStatus.Failed),
        ]);
        Assert.Equal(64, score.Percentage); // 32 of 50
    }

    [Fact]
    public void Dnssec_takes_the_worst_name()
    {
        var score = Scoring.Category(CategoryIds.Dnssec,
        [
            T("mail_dnssec_mailto_exist", TestStatus.Passed),
            T("mail_dnssec_mailto_valid", TestStatus.Passed, ("example.nl", 10), ("mx.example.nl", 2), ("mx.other.nl", null)),
            T("mail_dnssec_mx_exist", TestStatus.Failed), T("mail_dnssec_mx_valid", TestStatus.NotTested),
        ]);
        Assert.Equal(20, score.Percentage);
        Assert.Equal("score over 2 of 3 names", score.Note);
    }

    [Fact]
    public void Ipv6_points_average_the_hosts()
    {
        Assert.Equal(10, Scoring.Ipv6Host(answered: 2, failed: 0));
        Assert.Equal(2, Scoring.Ipv6Host(answered: 1, failed: 1));
        Assert.Equal(0, Scoring.Ipv6Host(answered: 0, failed: 2));
        Assert.Equal(10, Scoring.Ipv6NameServers([(true, 10), (true, 10), (false, 0)]));
        Assert.Equal(5, Scoring.Ipv6NameServers([(true, 10), (false, 0)]));
        Assert.Equal(5, Scoring.Ipv6NameServers([(true, 10)]));
        Assert.Equal(0, Scoring.Ipv6NameServers([]));
        Assert.Equal(6, Scoring.Ipv6NameServers([(true, 10), (true, 2)]));
        Assert.Equal(10, Scoring.Ipv6MailServers([]));
        Assert.Equal(5, Scoring.Ipv6MailServers([10, 0]));
    }

    [Fact]
    public void Ipv6_averages_are_truncated_to_whole_points_before_the_category_sums_them()
    {
        // Internet.nl's do_ns and do_mx return int(average): 22/3 name server points are 7, 4/3 mail server points 1.
        Assert.Equal(7, Scoring.Ipv6NameServers([(true, 10), (true, 10), (true, 2)]));
        Assert.Equal(1, Scoring.Ipv6MailServers([2, 2, 0]));
        var score = Scoring.Category(CategoryIds.Ipv6,
        [
            T(Ipv6SubtestIds.NsReach, TestStatus.Failed, (string.Empty, Scoring.Ipv6NameServers([(true, 10), (true, 10), (true, 2)]))),
            T(Ipv6SubtestIds.MxReach, TestStatus.Failed, (string.Empty, Scoring.Ipv6MailServers([2, 2, 0]))),
        ]);
        Assert.Equal(40, score.Percentage); // (7 + 1) / 20; without the truncation (7.33 + 1.33) / 20 would give 43
    }

    [Fact]
    public void The_overall_score_averages_the_scored_categories_and_truncates()
    {
        var overall = Scoring.Overall([C(CategoryIds.Ipv6, 100), C(CategoryIds.Dnssec, 20), C(CategoryIds.Auth, 64), C(CategoryIds.StartTls, null, "no sub-test counts"), C(CategoryIds.Rpki, 100)]);
        Assert.Equal(71, overall.Percentage); // 284 / 4
        Assert.Contains("Secure mail server connection (STARTTLS and DANE) (no sub-test counts)", overall.Note, StringComparison.Ordinal);
        Assert.Null(Scoring.Overall([C(CategoryIds.Ipv6, null, "x")]).Percentage);
        Assert.Equal(string.Empty, Scoring.Overall([C(CategoryIds.Ipv6, 90)]).Note);
    }
}
