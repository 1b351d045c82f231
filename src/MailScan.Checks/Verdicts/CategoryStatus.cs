namespace MailScan.Checks.Verdicts;

/// <summary>
/// Internet.nl's category verdict (internetnl-notes.md §2.2, mailtest.md): each sub-test weighs by
/// its level, not by being the worst. Our one difference: what could not be measured is
/// NOT_TESTABLE (Internet.nl: error) and never FAILED.
/// </summary>
public static class CategoryStatus
{
    /// <summary>
    /// In this order: any ERROR → ERROR; any NOT_TESTABLE → NOT_TESTABLE; any FAILED (a
    /// mandatory sub-test NOT_TESTED counts as FAILED) → FAILED; any WARNING in a category
    /// without mandatory sub-tests → WARNING; any INFO in a category with neither mandatory nor
    /// notice-level sub-tests → INFO; else PASSED. For STARTTLS, when at most one sub-test was
    /// tested the category is what STARTTLS availability says (NOT_TESTED shown as INFO).
    /// Statuses must already be clamped to their level.
    /// </summary>
    public static CategoryVerdict Of(string categoryId, IReadOnlyList<SubtestResult> tests)
    {
        var counted = tests.Where(t => t.Level != SubtestLevel.ReportOnly).ToList();
        if (categoryId == CategoryIds.StartTls && counted.Count(Tested) <= 1
            && counted.FirstOrDefault(t => t.Id == StartTls.StartTlsSubtestIds.Available) is { } available)
        {
            return new(available.Status == TestStatus.NotTested ? TestStatus.Info : available.Status,
                available.Status == TestStatus.NotTestable ? $"the mail servers could not be tested: {available.Reason}" : string.Empty);
        }

        var status = Rule(counted);
        if (status != TestStatus.NotTestable)
            return new(status, string.Empty);
        var untestable = counted.Where(t => t.Status == TestStatus.NotTestable).ToList();
        var tested = counted.Except(untestable).ToList();
        var without = tested.Any(Tested) ? $"; what could be tested is {Word(Rule(tested))}" : string.Empty;
        return new(status, $"not every server could be tested ({untestable[0].Id}: {untestable[0].Reason}){without}");
    }

    private static TestStatus Rule(IReadOnlyList<SubtestResult> tests)
    {
        var mandatory = false;
        var optional = false;
        var seen = new HashSet<TestStatus>();
        foreach (var test in tests)
        {
            var overridden = SubtestLevels.IgnoredForMandatory(test.Id);
            mandatory |= !overridden && test.Level == SubtestLevel.Mandatory;
            optional |= !overridden && test.Level == SubtestLevel.Notice;
            seen.Add(test.Status);
            if (test.Status == TestStatus.NotTested && !overridden)
                seen.Add(Worst(test.Level));
        }
        if (seen.Contains(TestStatus.Error))
            return TestStatus.Error;
        if (seen.Contains(TestStatus.NotTestable))
            return TestStatus.NotTestable;
        if (seen.Contains(TestStatus.Failed))
            return TestStatus.Failed;
        if (seen.Contains(TestStatus.Warning) && !mandatory)
            return TestStatus.Warning;
        if (seen.Contains(TestStatus.Info) && !mandatory && !optional)
            return TestStatus.Info;
        return TestStatus.Passed;
    }

    /// <summary>The worst status a sub-test of this level can show.</summary>
    private static TestStatus Worst(SubtestLevel level) => level switch
    {
        SubtestLevel.Mandatory => TestStatus.Failed,
        SubtestLevel.Notice => TestStatus.Warning,
        _ => TestStatus.Info,
    };

    private static bool Tested(SubtestResult test) => test.Status is not (TestStatus.NotTested or TestStatus.NotTestable);

    private static string Word(TestStatus status) => status switch
    {
        TestStatus.Passed => "passed",
        TestStatus.Failed => "failed",
        TestStatus.Warning => "a recommendation",
        TestStatus.Info => "information",
        _ => status.ToString(),
    };

    /// <summary>For the worst of several server rows of one sub-test: higher is worse; NOT_TESTED ranks lowest.</summary>
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
