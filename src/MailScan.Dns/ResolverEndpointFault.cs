namespace MailScan.Dns;

/// <summary>What is wrong with a resolver given as HOST[:PORT].</summary>
public enum ResolverEndpointFault
{
    /// <summary>No text at all.</summary>
    Empty,

    /// <summary>A '[' without its ']', or text after the ']' that is not :PORT.</summary>
    UnclosedBracket,

    /// <summary>A port that is not a number from 1 to 65535.</summary>
    BadPort,

    /// <summary>An IPv6 address (bracketed or with several colons) that does not parse.</summary>
    BadIpv6Address,

    /// <summary>Digits and dots that are not a full dotted quad ("1.2.3", "999.1.1.1").</summary>
    BadIpv4Address,

    /// <summary>A host name with characters no host name has.</summary>
    BadHostName,
}
