namespace MailScan.Checks.Input;

/// <summary>What is wrong with a domain name a user gave.</summary>
public enum DomainNameFault
{
    Empty,

    /// <summary>Over 253 octets, or so many characters that it cannot be a name at all.</summary>
    TooLong,

    /// <summary>An IPv4 or IPv6 address, bracketed or not.</summary>
    IpAddress,

    /// <summary>Two dots in a row.</summary>
    EmptyLabel,

    StartsWithDot,

    /// <summary>One label and no more ("localhost").</summary>
    SingleLabel,

    /// <summary>A label of more than 63 octets.</summary>
    LabelTooLong,

    /// <summary>A label that starts or ends with a hyphen.</summary>
    Hyphen,

    /// <summary>A character that is not a letter, a digit or a hyphen.</summary>
    BadCharacter,

    /// <summary>The last label is all digits.</summary>
    NumericTopLabel,

    /// <summary>Rejected by IDNA (UTS 46) for a reason none of the above names.</summary>
    NotIdna,
}
