namespace MailScan.Checks.Smtp;

/// <summary>One SMTP reply: its code and its text lines (RFC 5321 §4.2).</summary>
public sealed record SmtpReply(int Code, IReadOnlyList<string> Lines)
{
    /// <summary>The text of the first line, without the code.</summary>
    public string Text => Lines.Count == 0 ? string.Empty : Lines[0];
}
