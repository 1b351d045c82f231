namespace MailScan.Checks.Input;

/// <summary>
/// A list of domains as users write them: one per line; blank lines and comments (from '#' to
/// the end of the line) ignored; a byte-order mark, CR LF, surrounding spaces and e-mail
/// addresses accepted; Unicode names (IDN) turned into their ASCII form. An invalid line, or
/// one that names a domain again, is a problem with its line number (an invalid one carries the
/// <see cref="DomainNameError"/> of <see cref="DomainName.FromInput"/>): the rest is still
/// scanned, so the list as a whole never fails. Pure and total.
/// </summary>
public sealed record DomainList(IReadOnlyList<DomainListEntry> Entries, IReadOnlyList<DomainListProblem> Problems)
{
    public static DomainList Parse(string text)
    {
        var entries = new List<DomainListEntry>();
        var problems = new List<DomainListProblem>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = text.TrimStart('\uFEFF').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i];
            var comment = line.IndexOf('#');
            if (comment >= 0)
                line = line[..comment];
            line = line.Trim();
            if (line.Length == 0)
                continue;
            var (name, error) = DomainName.FromInput(line);
            if (name is null)
                problems.Add(new DomainListProblem(number, error!.Reason, error));
            else if (firstLine.TryGetValue(name.Ascii, out var first))
                problems.Add(new DomainListProblem(number, $"{name.Ascii} is on line {first} already; scanned once", InvalidName: null));
            else
            {
                firstLine[name.Ascii] = number;
                entries.Add(new DomainListEntry(number, name));
            }
        }
        return new DomainList(entries, problems);
    }
}
