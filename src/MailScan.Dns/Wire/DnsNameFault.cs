namespace MailScan.Dns.Wire;

/// <summary>What is wrong with a domain name in presentation form.</summary>
public enum DnsNameFault
{
    /// <summary>No text at all.</summary>
    Empty,

    /// <summary>Two dots in a row, or a dot at the start.</summary>
    EmptyLabel,

    /// <summary>A backslash at the end, or \DDD above 255.</summary>
    BadEscape,

    /// <summary>A character beyond ASCII (an IDN must be given as A-labels).</summary>
    NotAscii,

    /// <summary>A label of more than 63 octets.</summary>
    LabelTooLong,

    /// <summary>More than 255 octets in wire form.</summary>
    NameTooLong,
}
