using System.Text;
using MailScan.Parsing;

namespace MailScan.Checks.Policy.Spf;

/// <summary>Parses macro-strings and domain-specs (RFC 7208 §7.1, §12). Pure and total.</summary>
public static class SpfMacroParser
{
    private const string DomainLetters = "slodipvh";
    private const string AllLetters = "slodipvhcrt";
    private const string Delimiters = ".-+,/_=";

    /// <summary>The largest "keep right N parts" transformer accepted (the RFC asks for at least 128).</summary>
    public const int MaxKeepRight = 255;

    /// <summary>Parses <paramref name="text"/>; <paramref name="offset"/> is its position in the record, for errors.</summary>
    public static Parsed<SpfMacroString, PolicyParseError> Parse(string text, int offset, SpfMacroUse use)
    {
        var parts = new List<SpfMacroPart>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c != '%')
            {
                if (!IsLiteral(c, use))
                    return Parsed<SpfMacroString, PolicyParseError>.Fail(new PolicyParseError(offset + i, $"character {Describe(c)} is not allowed here"));
                literal.Append(c);
                i++;
                continue;
            }
            if (i + 1 >= text.Length)
                return Parsed<SpfMacroString, PolicyParseError>.Fail(new PolicyParseError(offset + i, "'%' at the end: write '%%' for a percent sign"));
            var next = text[i + 1];
            if (next is '%' or '_' or '-')
            {
                FlushLiteral(parts, literal);
                parts.Add(SpfMacroPart.Escape(next switch { '%' => "%", '_' => " ", _ => "%20" }));
                i += 2;
                continue;
            }
            if (next != '{')
                return Parsed<SpfMacroString, PolicyParseError>.Fail(new PolicyParseError(offset + i, $"'%' must be followed by '{{', '%', '_' or '-', not {Describe(next)}"));
            var close = text.IndexOf('}', i + 2);
            if (close < 0)
                return Parsed<SpfMacroString, PolicyParseError>.Fail(new PolicyParseError(offset + i, "macro '%{' is not closed with '}'"));
            var macro = ParseMacro(text[(i + 2)..close], offset + i, use);
            if (!macro.IsValid)
                return Parsed<SpfMacroString, PolicyParseError>.Fail(macro.Error);
            FlushLiteral(parts, literal);
            parts.Add(macro.Value);
            i = close + 1;
        }
        FlushLiteral(parts, literal);
        var result = new SpfMacroString(text, parts);
        if (use == SpfMacroUse.DomainSpec)
        {
            var end = CheckDomainEnd(result, offset);
            if (end is not null)
                return Parsed<SpfMacroString, PolicyParseError>.Fail(end);
        }
        return Parsed<SpfMacroString, PolicyParseError>.Ok(result);
    }

    /// <summary>Whether a part is a macro-expand in the grammar's sense (%{..}, %%, %_ or %-).</summary>
    internal static bool IsExpand(SpfMacroPart part) => part.IsMacro || part.IsEscape;

    private static Parsed<SpfMacroPart, PolicyParseError> ParseMacro(string body, int position, SpfMacroUse use)
    {
        if (body.Length == 0)
            return Parsed<SpfMacroPart, PolicyParseError>.Fail(new PolicyParseError(position, "empty macro '%{}'"));
        var letter = body[0];
        var lower = char.ToLowerInvariant(letter);
        var allowed = use == SpfMacroUse.DomainSpec ? DomainLetters : AllLetters;
        if (!char.IsAsciiLetter(letter) || !allowed.Contains(lower, StringComparison.Ordinal))
        {
            var reason = AllLetters.Contains(lower, StringComparison.Ordinal)
                ? $"macro letter '{letter}' is allowed only in explanation text"
                : $"'{letter}' is not a macro letter (s l o d i p v h, and c r t in explanations)";
            return Parsed<SpfMacroPart, PolicyParseError>.Fail(new PolicyParseError(position, reason));
        }
        var j = 1;
        var digits = 0;
        var digitCount = 0;
        while (j < body.Length && char.IsAsciiDigit(body[j]))
        {
            digits = Math.Min(digits * 10 + (body[j] - '0'), 100_000);
            digitCount++;
            j++;
        }
        if (digitCount > 0 && digits == 0)
            return Parsed<SpfMacroPart, PolicyParseError>.Fail(new PolicyParseError(position, "a macro keeps at least one part: the digit transformer must not be 0"));
        if (digits > MaxKeepRight)
            return Parsed<SpfMacroPart, PolicyParseError>.Fail(new PolicyParseError(position, $"digit transformer {digits} is larger than {MaxKeepRight}"));
        var reverse = false;
        if (j < body.Length && body[j] is 'r' or 'R')
        {
            reverse = true;
            j++;
        }
        var delimiters = body[j..];
        var bad = delimiters.FirstOrDefault(d => !Delimiters.Contains(d, StringComparison.Ordinal));
        if (bad != '\0')
            return Parsed<SpfMacroPart, PolicyParseError>.Fail(new PolicyParseError(position, $"{Describe(bad)} is not a macro delimiter (. - + , / _ =)"));
        return Parsed<SpfMacroPart, PolicyParseError>.Ok(new SpfMacroPart(string.Empty, lower, char.IsAsciiLetterUpper(letter), digits, reverse, delimiters));
    }

    /// <summary>domain-end = ( "." toplabel [ "." ] ) / macro-expand.</summary>
    private static PolicyParseError? CheckDomainEnd(SpfMacroString domain, int offset)
    {
        if (domain.Parts.Count == 0)
            return new PolicyParseError(offset, "the domain is empty");
        var last = domain.Parts[^1];
        if (IsExpand(last))
            return null;
        var text = last.Literal.EndsWith('.') ? last.Literal[..^1] : last.Literal;
        var dot = text.LastIndexOf('.');
        if (dot < 0)
            return new PolicyParseError(offset, $"'{domain.Text}' is not a domain: it needs a dot and a top-level label");
        var top = text[(dot + 1)..];
        return IsTopLabel(top) ? null : new PolicyParseError(offset + domain.Text.Length - last.Literal.Length + dot + 1,
            $"'{top}' is not a valid top-level label (letters, digits and inner hyphens, not all digits)");
    }

    /// <summary>toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum ).</summary>
    internal static bool IsTopLabel(string label)
    {
        if (label.Length == 0 || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            return false;
        if (!label.Contains('-'))
            return label.Any(char.IsAsciiLetter);
        return char.IsAsciiLetterOrDigit(label[0]) && char.IsAsciiLetterOrDigit(label[^1]);
    }

    private static bool IsLiteral(char c, SpfMacroUse use) =>
        c is >= '!' and <= '~' && c != '%' || use == SpfMacroUse.Explanation && c == ' ';

    private static void FlushLiteral(List<SpfMacroPart> parts, StringBuilder literal)
    {
        if (literal.Length == 0)
            return;
        parts.Add(SpfMacroPart.Text(literal.ToString()));
        literal.Clear();
    }

    internal static string Describe(char c) =>
        c is >= '!' and <= '~' ? $"'{c}'" : $"U+{(int)c:X4}";
}
