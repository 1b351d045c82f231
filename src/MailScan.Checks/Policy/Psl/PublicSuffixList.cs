using System.Globalization;
using System.Reflection;

namespace MailScan.Checks.Policy.Psl;

/// <summary>
/// The Public Suffix List and its algorithm (publicsuffix.org/list: the longest matching rule
/// prevails, wildcards match one label, exception rules beat both, the default rule is "*"),
/// used to find a domain's organisational domain (RFC 7489 §3.2). ICANN and private sections
/// alike; rules in Unicode are matched in their A-label form.
/// </summary>
public sealed class PublicSuffixList
{
    /// <summary>Where Debian's publicsuffix package puts the list.</summary>
    public const string SystemPath = "/usr/share/publicsuffix/public_suffix_list.dat";

    private readonly HashSet<string> _rules = new(StringComparer.Ordinal);
    private readonly HashSet<string> _wildcards = new(StringComparer.Ordinal);
    private readonly HashSet<string> _exceptions = new(StringComparer.Ordinal);

    private PublicSuffixList(string text, string source)
    {
        Source = source;
        var idn = new IdnMapping();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal))
                continue;
            var rule = line.Split(' ', '\t')[0].ToLowerInvariant();
            var set = _rules;
            if (rule.StartsWith('!'))
            {
                set = _exceptions;
                rule = rule[1..];
            }
            else if (rule.StartsWith("*.", StringComparison.Ordinal))
            {
                set = _wildcards;
                rule = rule[2..];
            }
            if (Ascii(idn, rule) is { } ascii)
                set.Add(ascii);
        }
    }

    /// <summary>Where the rules came from (a file path or the built-in copy).</summary>
    public string Source { get; }

    /// <summary>How many rules were loaded.</summary>
    public int Count => _rules.Count + _wildcards.Count + _exceptions.Count;

    /// <summary>Parses list text.</summary>
    public static PublicSuffixList Parse(string text, string source = "text") => new(text, source);

    /// <summary>
    /// The list from <paramref name="path"/> when given, else from Debian's package when present,
    /// else the copy built into the scanner (kept in the repository with its licence header).
    /// </summary>
    /// <exception cref="IOException">A configured file cannot be read.</exception>
    public static PublicSuffixList Load(string? path = null)
    {
        if (!string.IsNullOrWhiteSpace(path))
            return new PublicSuffixList(File.ReadAllText(path), path);
        if (File.Exists(SystemPath))
        {
            try
            {
                return new PublicSuffixList(File.ReadAllText(SystemPath), SystemPath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // An unreadable system copy is no reason to stop: the built-in copy follows.
            }
        }
        return BuiltIn();
    }

    /// <summary>The copy of the list built into the scanner.</summary>
    public static PublicSuffixList BuiltIn()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("MailScan.Checks.Policy.Psl.public_suffix_list.dat")
            ?? throw new InvalidOperationException("the built-in public suffix list is missing from the assembly");
        using var reader = new StreamReader(stream);
        return new PublicSuffixList(reader.ReadToEnd(), "built-in copy");
    }

    /// <summary>The public suffix of a domain (lower-case A-labels, no trailing dot).</summary>
    public string PublicSuffix(string domain)
    {
        var labels = Labels(domain);
        if (labels.Length == 0)
            return string.Empty;
        for (var i = 0; i < labels.Length; i++)
        {
            if (_exceptions.Contains(Join(labels, i)))
                return Join(labels, i + 1);
        }
        for (var i = 0; i < labels.Length; i++)
        {
            if (_rules.Contains(Join(labels, i)) || i + 1 < labels.Length && _wildcards.Contains(Join(labels, i + 1)))
                return Join(labels, i);
        }
        return labels[^1];
    }

    /// <summary>The organisational domain: the public suffix and one label more; a public suffix is its own.</summary>
    public string OrganisationalDomain(string domain)
    {
        var labels = Labels(domain);
        var suffix = PublicSuffix(domain);
        var suffixLabels = suffix.Length == 0 ? 0 : suffix.Count(c => c == '.') + 1;
        return labels.Length <= suffixLabels ? string.Join('.', labels) : Join(labels, labels.Length - suffixLabels - 1);
    }

    private static string[] Labels(string domain) =>
        domain.Trim().TrimEnd('.').ToLowerInvariant().Split('.', StringSplitOptions.RemoveEmptyEntries);

    private static string Join(string[] labels, int from) => string.Join('.', labels, from, labels.Length - from);

    private static string? Ascii(IdnMapping idn, string rule)
    {
        if (rule.All(c => c < 128))
            return rule;
        try
        {
            return idn.GetAscii(rule);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
