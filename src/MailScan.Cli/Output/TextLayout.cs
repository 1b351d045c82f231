using System.Text;
using MailScan.Coordinator.Reports;

namespace MailScan.Cli.Output;

/// <summary>Paragraphs and tables laid out for a terminal of a given width. Every cell and word passes <see cref="TerminalText.Clean"/>.</summary>
internal static class TextLayout
{
    private const string Gap = "  ";

    /// <summary>A paragraph wrapped at word boundaries to <paramref name="width"/> columns, each line indented.</summary>
    public static IEnumerable<string> Paragraph(string text, int indent, int width)
    {
        var pad = new string(' ', indent);
        return Wrap(TerminalText.Clean(text), Math.Max(20, width - indent)).Select(line => pad + line);
    }

    /// <summary>A table with aligned columns; the last column wraps into what is left of the width.</summary>
    public static IEnumerable<string> Table(TechnicalTable table, int indent, int width)
    {
        var rows = new[] { table.Headers }.Concat(table.Rows)
            .Select(row => row.Select(TerminalText.Clean).ToList())
            .ToList();
        var columns = table.Headers.Count;
        var widths = Enumerable.Range(0, columns - 1).Select(c => rows.Max(r => c < r.Count ? r[c].Length : 0)).ToList();
        var lastStart = indent + widths.Sum() + Gap.Length * (columns - 1);
        var lastWidth = Math.Max(16, width - lastStart);
        foreach (var row in rows)
        {
            var head = new StringBuilder(new string(' ', indent));
            for (var c = 0; c < columns - 1; c++)
                head.Append((c < row.Count ? row[c] : string.Empty).PadRight(widths[c])).Append(Gap);
            var last = Wrap(columns - 1 < row.Count ? row[columns - 1] : string.Empty, lastWidth).ToList();
            yield return (head + last[0]).TrimEnd();
            foreach (var more in last.Skip(1))
                yield return new string(' ', lastStart) + more;
        }
    }

    /// <summary>Lines of at most <paramref name="width"/> characters, broken at spaces; a longer word stands on its own line.</summary>
    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }
            if (line.Length > 0)
                line.Append(' ');
            line.Append(word);
        }
        yield return line.ToString();
    }
}
