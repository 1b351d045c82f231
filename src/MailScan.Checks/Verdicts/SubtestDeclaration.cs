namespace MailScan.Checks.Verdicts;

/// <summary>
/// A sub-test as its category declares it, beside its id: the level it has when tested and the
/// points it is worth in full (0: Internet.nl gives it no score field). Verdicts that change the
/// level for what they found ask <see cref="SubtestLevels"/>.
/// </summary>
public sealed record SubtestDeclaration(string Id, SubtestLevel Level, int FullPoints)
{
    /// <summary>A mandatory sub-test, worth <paramref name="points"/> in full.</summary>
    public static SubtestDeclaration Mandatory(string id, int points = Scoring.Full) => new(id, SubtestLevel.Mandatory, points);

    /// <summary>A recommendation: at worst a warning, never scored.</summary>
    public static SubtestDeclaration Notice(string id) => new(id, SubtestLevel.Notice, 0);

    /// <summary>Information: at worst info, never scored.</summary>
    public static SubtestDeclaration Info(string id) => new(id, SubtestLevel.Info, 0);

    /// <summary>Our own addition (a mailscan_ id): reported, never part of the category.</summary>
    public static SubtestDeclaration ReportOnly(string id) => new(id, SubtestLevel.ReportOnly, 0);
}
