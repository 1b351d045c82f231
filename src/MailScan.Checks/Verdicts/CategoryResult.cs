namespace MailScan.Checks.Verdicts;

/// <summary>The verdict of one category with its sub-tests.</summary>
public sealed record CategoryResult(
    string Id,
    string Heading,
    TestStatus Status,
    string Summary,
    IReadOnlyList<SubtestResult> Tests)
{
    /// <summary>Time from the start of the domain scan until this category was complete.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>How the status was decided when servers could not be tested; empty otherwise.</summary>
    public string StatusNote { get; init; } = string.Empty;

    /// <summary>The strict mail server addresses met (put-offs, slow greetings), each with how its evaluation went; empty for most domains.</summary>
    public IReadOnlyList<StrictServer> StrictServers { get; init; } = [];

    /// <summary>The category's score (<see cref="Scoring"/>).</summary>
    public CategoryScore Score { get; init; } = CategoryScore.None("not scored");
}
