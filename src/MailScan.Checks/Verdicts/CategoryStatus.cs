namespace MailScan.Checks.Verdicts;

/// <summary>The rule that turns sub-test statuses into a category status (mailtest.md).</summary>
public static class CategoryStatus
{
    /// <summary>
    /// The worst scoring sub-test decides: FAILED, then ERROR, then NOT_TESTABLE (never silently
    /// passed), then WARNING, INFO, PASSED. Sub-tests with a limited impact count at most as that
    /// limit. When nothing applies, the category is NOT_TESTED.
    /// </summary>
    public static TestStatus Of(IEnumerable<SubtestResult> tests)
    {
        var worst = TestStatus.NotTested;
        foreach (var test in tests)
        {
            var counted = Capped(test.Status, test.Impact);
            if (Rank(counted) > Rank(worst))
                worst = counted;
        }
        return worst;
    }

    private static TestStatus Capped(TestStatus status, CategoryImpact impact)
    {
        if (impact == CategoryImpact.None)
            return TestStatus.NotTested;
        var cap = impact switch
        {
            CategoryImpact.AtMostWarning => TestStatus.Warning,
            CategoryImpact.AtMostInfo => TestStatus.Info,
            _ => TestStatus.Failed,
        };
        return IsProblem(status) && Rank(status) > Rank(cap) ? cap : status;
    }

    private static bool IsProblem(TestStatus status) =>
        status is TestStatus.Failed or TestStatus.Warning or TestStatus.Info;

    /// <summary>Higher is worse; NOT_TESTED (does not apply) ranks lowest.</summary>
    public static int Rank(TestStatus status) => status switch
    {
        TestStatus.NotTested => 0,
        TestStatus.Passed => 1,
        TestStatus.Info => 2,
        TestStatus.Warning => 3,
        TestStatus.NotTestable => 4,
        TestStatus.Error => 5,
        TestStatus.Failed => 6,
        _ => 0,
    };
}
