namespace MailScan.Checks.Verdicts;

/// <summary>
/// A category's score in percent (internetnl-notes.md §2.3), or none (null) when nothing in it
/// could be scored; Note says why not, or over how many servers the score was taken.
/// </summary>
public sealed record CategoryScore(int? Percentage, string Note, int ScoredServers = 0, int Servers = 0)
{
    /// <summary>No score, for the reason given.</summary>
    public static CategoryScore None(string reason) => new(null, reason);
}
