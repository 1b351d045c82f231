using System.Globalization;
using System.Text;

namespace MailScan.Coordinator.Reports;

/// <summary>
/// The one place where text from servers and DNS becomes safe to show (on a terminal, and before HTML encoding on a page): control characters
/// (C0, DEL, C1) and invisible format characters (bidirectional overrides, zero-width) are shown
/// as escapes, so a banner or a TXT record can never move the cursor, recolour or hide text.
/// </summary>
public static class TerminalText
{
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return string.Empty;
        if (!text.Any(IsUnsafe))
            return text;
        var clean = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (!IsUnsafe(c))
                clean.Append(c);
            else if (c <= '\u00ff')
                clean.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
            else
                clean.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
        }
        return clean.ToString();
    }

    private static bool IsUnsafe(char c) =>
        char.IsControl(c)
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
