using System.Globalization;
using MailScan.Parsing;

namespace MailScan.Checks.Smtp;

/// <summary>
/// Reads SMTP replies (RFC 5321 §4.2) out of what a server sent, one character per byte (Latin-1):
/// a three-digit code on every line, a '-' after it on every line but the last. It never touches a
/// socket: the sessions hand it the text they received. Lines without a code are passed over, as
/// clients do; a reply has ended with the line feed of its last line.
/// </summary>
public static class SmtpReplyReader
{
    /// <summary>The first reply of <paramref name="text"/>, or why there is none (yet): unfinished, longer than <paramref name="maxChars"/>, or of mixed codes.</summary>
    public static Parsed<SmtpReply, SmtpReplyError> First(string text, int maxChars = int.MaxValue) => Read(text, 0, maxChars).Reply;

    /// <summary>Every reply that has ended in <paramref name="text"/>, in order; an unfinished last reply, and anything after a reply of mixed codes, is left out.</summary>
    public static IReadOnlyList<SmtpReply> All(string text)
    {
        var replies = new List<SmtpReply>();
        for (var at = 0; ;)
        {
            var (reply, end) = Read(text, at, int.MaxValue);
            if (!reply.IsValid)
                return replies;
            replies.Add(reply.Value);
            at = end;
        }
    }

    /// <summary>The reply that starts at <paramref name="start"/>, and where the text after it starts.</summary>
    private static (Parsed<SmtpReply, SmtpReplyError> Reply, int End) Read(string text, int start, int maxChars)
    {
        var lines = new List<string>();
        var code = 0;
        for (var at = start; ;)
        {
            var feed = text.IndexOf('\n', at);
            if (feed < 0 || feed - start >= maxChars)
                return (Fail(Math.Min(text.Length, start + maxChars), text.Length - start >= maxChars ? SmtpReplyFault.TooLong : SmtpReplyFault.Unfinished), text.Length);
            var line = text.AsSpan(at, feed - at).TrimEnd('\r');
            var lineStart = at;
            at = feed + 1;
            if (line.Length < 3 || !int.TryParse(line[..3], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                continue;
            if (lines.Count > 0 && value != code)
                return (Fail(lineStart, SmtpReplyFault.MixedCodes), at);
            code = value;
            lines.Add(line.Length > 4 ? line[4..].ToString() : string.Empty);
            if (!(line.Length > 3 && line[3] == '-'))
                return (Parsed<SmtpReply, SmtpReplyError>.Ok(new SmtpReply(code, lines)), at);
        }
    }

    private static Parsed<SmtpReply, SmtpReplyError> Fail(int position, SmtpReplyFault fault) =>
        Parsed<SmtpReply, SmtpReplyError>.Fail(new SmtpReplyError(position, fault));
}
