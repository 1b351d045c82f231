namespace MailScan.Coordinator.Reports;

/// <summary>A score as the reports show it: "85 %", with the note saying over what it was taken, or "none" and why. Raw text: each output makes it safe for its medium.</summary>
public static class ScoreText
{
    private const string NoScore = "no score: ";

    public static string Of(int? percentage, string note) => (percentage, note.Length) switch
    {
        (null, 0) => "none",
        (null, _) => $"none ({(note.StartsWith(NoScore, StringComparison.Ordinal) ? note[NoScore.Length..] : note)})",
        (_, 0) => $"{percentage} %",
        _ => $"{percentage} % ({note})",
    };
}
