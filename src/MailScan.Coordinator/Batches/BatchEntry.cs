using MailScan.Checks.Input;

namespace MailScan.Coordinator.Batches;

/// <summary>How a batch's domain is kept in a store: the A-label name, and the name as given when it differs.</summary>
public static class BatchEntry
{
    public static string Encode(DomainName name) =>
        string.Equals(name.Ascii, name.Input, StringComparison.Ordinal) ? name.Ascii : $"{name.Ascii}\t{name.Input}";

    /// <summary>The domain back; the store holds only names that parsed when they were submitted.</summary>
    public static DomainName Decode(string entry)
    {
        var tab = entry.IndexOf('\t', StringComparison.Ordinal);
        return DomainName.Parse(tab < 0 ? entry : entry[(tab + 1)..]);
    }

    /// <summary>The A-label name of an entry, the key of "reported exactly once".</summary>
    public static string Key(string entry)
    {
        var tab = entry.IndexOf('\t', StringComparison.Ordinal);
        return tab < 0 ? entry : entry[..tab];
    }
}
