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
    public void Add(string? line)
    {
        _position++;
        var text = Clean(line);
        if (text.Length == 0)
            return;
        if (!DomainName.TryParse(text, out var name, out var error))
        {
            Reject(text, error);
            return;
        }
        if (!_seen.Add(name.Ascii))
        {
            Duplicates++;
            return;
        }
        if (_names.Count >= maxNames)
        {
            OverLimit = true;
            return;
        }
        _names.Add(name);
    }

    /// <summary>Adds every line of a reader (a file: the BOM is dropped by the reader or here).</summary>
    public async Task AddLinesAsync(TextReader reader, CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            Add(line);
    }

    // A comment runs from '#' to the end of the line; '#' is never part of a domain name.
    private static string Clean(string? line)
    {
        var text = (line ?? string.Empty).TrimStart('\uFEFF');
        var hash = text.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
            text = text[..hash];
        return text.Trim();
    }

    private void Reject(string text, string reason)
    {
        RejectedCount++;
        if (_rejected.Count < KeptRejections)
            _rejected.Add(new RejectedName(_position, text.Length > LongestShownInput ? text[..LongestShownInput] + "…" : text, reason));
    }
}
