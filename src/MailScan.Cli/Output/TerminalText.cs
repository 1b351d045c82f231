using System.Globalization;
using System.Text;

namespace MailScan.Cli.Output;

/// <summary>
/// Text from outside (server greetings, TXT records, error details of a coordinator, lines of an
/// input file) made safe to print: control characters and bidirectional overrides become visible
/// \uXXXX escapes, so a hostile server cannot move the cursor, recolour or retitle the terminal,
/// or reorder what a reader sees.
/// </summary>
internal static class TerminalText
{
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return string.Empty;
        if (!text.Any(IsUnsafe))
            return text;
        var clean = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (IsUnsafe(c))
                clean.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            else
                clean.Append(c);
        }
        return clean.ToString();
    }

    /// <summary>C0, DEL and C1 controls, and the marks that reorder text (Trojan Source).</summary>
    private static bool IsUnsafe(char c) =>
        char.IsControl(c) || c is (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069') or '\u200e' or '\u200f' or '\u061c';
}
