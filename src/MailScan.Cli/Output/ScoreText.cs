namespace MailScan.Cli.Output;

/// <summary>A score as the report prints it: "85 %", with the note saying over what it was taken, or "none" and why.</summary>
internal static class ScoreText
{
    private const string NoScore = "no score: ";

    public static string Of(int? percentage, string note) => TerminalText.Clean((percentage, note.Length) switch
    {
        (null, 0) => "none",
        (null, _) => $"none ({(note.StartsWith(NoScore, StringComparison.Ordinal) ? note[NoScore.Length..] : note)})",
        (_, 0) => $"{percentage} %",
        _ => $"{percentage} % ({note})",
    });
}
