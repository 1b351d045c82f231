namespace MailScan.Checks.Input;

/// <summary>
/// Turns the lines of a batch (a file, or names streamed by a client) into the domains to scan:
/// blank lines and # comments are skipped, a byte-order mark is ignored, names are normalised
/// (IDN to A-labels, e-mail addresses to their domain) and de-duplicated, and every invalid line
/// is kept with its position and reason so the rest can be scanned. Total: never throws on input.
/// </summary>
public sealed class BatchNameCollector(long maxNames)
{
    /// <summary>At most this many rejected lines are kept with their text; all are counted.</summary>
    public const int KeptRejections = 1000;

    /// <summary>The longest line read as it is: a name is at most 253 characters, an address 320; the rest is room for a comment.</summary>
    public const int MaxLineLength = 1024;

    private const int LongestShownInput = 120;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly List<DomainName> _names = [];
    private readonly List<RejectedName> _rejected = [];
    private long _position;

    /// <summary>The domains to scan, in the order first given.</summary>
    public IReadOnlyList<DomainName> Names => _names;

    /// <summary>The first <see cref="KeptRejections"/> rejected lines.</summary>
    public IReadOnlyList<RejectedName> Rejected => _rejected;

    /// <summary>Every rejected line, kept or not.</summary>
    public long RejectedCount { get; private set; }

    /// <summary>Names left out because an equal name came before.</summary>
    public long Duplicates { get; private set; }

    /// <summary>More distinct names were given than <c>maxNames</c>; the extra ones were not kept.</summary>
    public bool OverLimit { get; private set; }

    /// <summary>Adds the next line (position = previous + 1).</summary>
    public void Add(string? line) => Add(line, quoteLine: true);

    private void Add(string? line, bool quoteLine)
    {
        _position++;
        if (line is { Length: > MaxLineLength })
        {
            RejectTooLong();
            return;
        }
        var text = Clean(line);
        if (text.Length == 0)
            return;
        var (name, error) = DomainName.FromInput(text);
        if (name is null)
        {
            Reject(text, error!.Reason, quoteLine);
            return;
        }
        if (_seen.Contains(name.Ascii))
        {
            Duplicates++;
            return;
        }
        // Past the limit nothing more is remembered, not even to count duplicates: the batch is refused anyway.
        if (_names.Count >= maxNames)
        {
            OverLimit = true;
            return;
        }
        _seen.Add(name.Ascii);
        _names.Add(name);
    }

    /// <summary>
    /// Adds every line of a reader (a file: the BOM is dropped by the reader or here), until the
    /// limit is passed. A line is never held longer than <see cref="MaxLineLength"/> + 1 characters:
    /// a file of one endless line costs no more memory than a short one. With <paramref name="quoteLines"/>
    /// false (a file on the coordinator's side, which its caller may not read) a rejected line is
    /// named by its number and a reason that quotes nothing of it.
    /// </summary>
    public async Task AddLinesAsync(TextReader reader, CancellationToken cancellationToken, bool quoteLines = true)
    {
        var buffer = new char[4096];
        var line = new System.Text.StringBuilder();
        var tooLong = false;
        int read;
        while (!OverLimit && (read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
        {
            for (var i = 0; i < read && !OverLimit; i++)
            {
                var c = buffer[i];
                if (c == '\n')
                {
                    AddLine(line, tooLong, quoteLines);
                    line.Clear();
                    tooLong = false;
                }
                else if (!tooLong)
                {
                    line.Append(c);
                    tooLong = line.Length > MaxLineLength + 1;
                    if (tooLong)
                        line.Clear();
                }
            }
        }
        if (!OverLimit && (tooLong || line.Length > 0))
            AddLine(line, tooLong, quoteLines);
    }

    private void AddLine(System.Text.StringBuilder line, bool tooLong, bool quoteLine)
    {
        if (tooLong)
        {
            _position++;
            RejectTooLong();
        }
        else
        {
            Add(line.ToString().TrimEnd('\r'), quoteLine);
        }
    }

    // The text of such a line is not kept: it could be anything, of any size.
    private void RejectTooLong() => Reject(string.Empty, $"the line is longer than {MaxLineLength} characters");

    // A comment runs from '#' to the end of the line; '#' is never part of a domain name.
    private static string Clean(string? line)
    {
        var text = (line ?? string.Empty).TrimStart('\uFEFF');
        var hash = text.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
            text = text[..hash];
        return text.Trim();
    }

    // Unquoted, a rejection keeps neither the line nor the parser's reason, which may quote it.
    private void Reject(string text, string reason, bool quoteLine = true)
    {
        if (!quoteLine && text.Length > 0)
            (text, reason) = (string.Empty, "not a valid domain name");
        RejectedCount++;
        if (_rejected.Count < KeptRejections)
            _rejected.Add(new RejectedName(_position, text.Length > LongestShownInput ? text[..LongestShownInput] + "…" : text, reason));
    }
}
