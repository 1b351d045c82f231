namespace MailScan.Checks.Verdicts;

/// <summary>Turns a category's sub-test verdicts into its result: statuses clamped to their level, the category verdict, the score.</summary>
public static class CategoryJudgement
{
    /// <summary>The category result; summary gives the words for the category status.</summary>
    public static CategoryResult Make(string categoryId, IReadOnlyList<SubtestResult> tests, Func<TestStatus, string> summary)
    {
        var shown = tests.Select(t => t with { Status = SubtestLevels.Clamp(t.Status, t.Level) }).ToList();
        var verdict = CategoryStatus.Of(categoryId, shown);
        return new CategoryResult(categoryId, CategoryIds.Heading(categoryId), verdict.Status, summary(verdict.Status), shown)
        {
            StatusNote = verdict.Note,
            Score = Scoring.Category(categoryId, shown),
        };
    }
}
