using MailScan.Parsing;

namespace MailScan.Checks.Policy;

/// <summary>
/// The tag=value list shared by DKIM keys (RFC 6376 §3.2), DMARC (RFC 7489 §6.3), MTA-STS
/// (RFC 8461 §3.1) and TLS-RPT (RFC 8460 §3) records: tags separated by ";", white space around
/// names and values, an optional trailing ";", each name at most once. Pure and total.
/// </summary>
public static class TagListParser
{
    public static Parsed<IReadOnlyList<PolicyTag>, PolicyParseError> Parse(string? text)
    {
        text ??= string.Empty;
        var tags = new List<PolicyTag>();
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf(';', start);
            if (end < 0)
                end = text.Length;
            var piece = text[start..end];
            var error = ParseTag(piece, start, tags, lastPiece: end == text.Length);
            if (error is not null)
                return Parsed<IReadOnlyList<PolicyTag>, PolicyParseError>.Fail(error);
            start = end + 1;
        }
        return Parsed<IReadOnlyList<PolicyTag>, PolicyParseError>.Ok(tags);
    }

    private static PolicyParseError? ParseTag(string piece, int at, List<PolicyTag> tags, bool lastPiece)
    {
        var lead = 0;
        while (lead < piece.Length && IsSpace(piece[lead]))
            lead++;
        if (lead == piece.Length)
        {
            // Only the last piece may be empty: "a=b;" ends with a separator, "a=b;;c=d" is an error.
            return lastPiece && tags.Count > 0 ? null : new PolicyParseError(at, tags.Count == 0 ? "the record is empty" : "empty tag between two ';'");
        }
        var equals = piece.IndexOf('=');
        if (equals < 0)
            return new PolicyParseError(at + lead, $"'{piece.Trim()}' is not tag=value");
        var name = piece[lead..equals].TrimEnd(' ', '\t', '\r', '\n');
        if (name.Length == 0 || !char.IsAsciiLetterOrDigit(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            return new PolicyParseError(at + lead, $"'{name}' is not a tag name");
        var value = piece[(equals + 1)..].Trim(' ', '\t', '\r', '\n');
        var bad = value.IndexOfAny([.. Enumerable.Range(0, 32).Select(c => (char)c).Where(c => c is not ('\t' or '\r' or '\n')), (char)127]);
        if (bad >= 0 || value.Any(c => c > '~'))
            return new PolicyParseError(at + equals + 1, $"the value of {name}= holds a character that is not printable ASCII");
        if (tags.Any(t => t.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            return new PolicyParseError(at + lead, $"tag {name}= appears more than once");
        tags.Add(new PolicyTag(name, value, at + lead));
        return null;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';
}
