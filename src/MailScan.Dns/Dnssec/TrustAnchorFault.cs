namespace MailScan.Dns.Dnssec;

/// <summary>What is wrong with a trust anchor file.</summary>
public enum TrustAnchorFault
{
    /// <summary>The file cannot be read (missing, no permission, an I/O error).</summary>
    Unreadable,

    /// <summary>Nothing but comments and blank lines.</summary>
    Empty,

    /// <summary>Records, but no DS or DNSKEY among them.</summary>
    NoAnchors,

    /// <summary>A record's owner is not a domain name.</summary>
    BadOwner,

    /// <summary>A record ends before its type.</summary>
    NoRecordType,

    /// <summary>A record that is not a well-formed DS or DNSKEY.</summary>
    NotAnAnchor,
}
