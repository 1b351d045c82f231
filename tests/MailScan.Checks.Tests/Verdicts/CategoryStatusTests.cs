using MailScan.Checks.Verdicts;

namespace MailScan.Checks.Tests.Verdicts;

public sealed class CategoryStatusTests
{
    private static SubtestResult T(TestStatus status, CategoryImpact impact = CategoryImpact.Full) => new("x", status, "r", null, impact);

    [Fact]
    public void The_worst_scoring_subtest_decides() =>
        Assert.Equal(TestStatus.Failed, CategoryStatus.Of([T(TestStatus.Passed), T(TestStatus.Warning), T(TestStatus.Failed), T(TestStatus.NotTestable)]));

    [Fact]
    public void Not_testable_is_never_silently_passed() =>
        Assert.Equal(TestStatus.NotTestable, CategoryStatus.Of([T(TestStatus.Passed), T(TestStatus.NotTestable), T(TestStatus.Warning)]));

    [Fact]
    public void Not_tested_subtests_do_not_count() =>
        Assert.Equal(TestStatus.Passed, CategoryStatus.Of([T(TestStatus.Passed), T(TestStatus.NotTested)]));

    [Fact]
    public void A_category_with_nothing_to_test_is_not_tested() =>
        Assert.Equal(TestStatus.NotTested, CategoryStatus.Of([T(TestStatus.NotTested), T(TestStatus.NotTested)]));

    [Fact]
    public void Limited_impact_caps_a_failure()
    {
        Assert.Equal(TestStatus.Info, CategoryStatus.Of([T(TestStatus.Passed), T(TestStatus.Failed, CategoryImpact.AtMostInfo)]));
        Assert.Equal(TestStatus.Warning, CategoryStatus.Of([T(TestStatus.Passed), T(TestStatus.Failed, CategoryImpact.AtMostWarning)]));
        Assert.Equal(TestStatus.Passed, CategoryStatus.Of([T(TestStatus.Passed), T(TestStatus.Failed, CategoryImpact.None)]));
    }

    [Fact]
    public void Warning_outranks_info_and_passed() =>
        Assert.Equal(TestStatus.Warning, CategoryStatus.Of([T(TestStatus.Info), T(TestStatus.Warning), T(TestStatus.Passed)]));
}
