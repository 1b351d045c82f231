namespace MailScan.Dns.Dnssec;

/// <summary>
/// Why trust anchors could not be read: the fault, the line of the record (0 for the whole
/// text), and the text it is about (the owner, the record, or why the file cannot be read).
/// </summary>
public sealed record TrustAnchorError(TrustAnchorFault Fault, int Line, string Text)
{
    /// <summary>The file the anchors came from, when they came from one.</summary>
    public string? File { get; init; }

    public override string ToString()
    {
        if (Fault == TrustAnchorFault.Unreadable)
            return $"trust anchor file '{File}' cannot be read: {Text}";
        var what = Fault switch
        {
            TrustAnchorFault.Empty => "no records",
            TrustAnchorFault.NoAnchors => "no DS or DNSKEY records",
            TrustAnchorFault.BadOwner => $"line {Line}: '{Text}' is not a domain name",
            TrustAnchorFault.NoRecordType => $"line {Line}: no record type",
            _ => $"line {Line}: expected a DS or DNSKEY record, got '{Text}'",
        };
        return File is null ? what : $"trust anchor file '{File}': {what}";
    }
}
