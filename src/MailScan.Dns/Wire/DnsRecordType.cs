namespace MailScan.Dns.Wire;

/// <summary>Numbers of the record types the wire layer and the validator name (IANA DNS parameters).</summary>
public static class DnsRecordType
{
    public const ushort A = 1;
    public const ushort NS = 2;
    public const ushort CNAME = 5;
    public const ushort SOA = 6;
    public const ushort PTR = 12;
    public const ushort MX = 15;
    public const ushort TXT = 16;
    public const ushort AAAA = 28;
    public const ushort SRV = 33;
    public const ushort DNAME = 39;
    public const ushort OPT = 41;
    public const ushort DS = 43;
    public const ushort RRSIG = 46;
    public const ushort NSEC = 47;
    public const ushort DNSKEY = 48;
    public const ushort NSEC3 = 50;
    public const ushort NSEC3PARAM = 51;
    public const ushort TLSA = 52;

    /// <summary>The mnemonic of a type ("MX"), or TYPEnnn (RFC 3597).</summary>
    public static string Name(ushort type) => type switch
    {
        A => "A",
        NS => "NS",
        CNAME => "CNAME",
        SOA => "SOA",
        PTR => "PTR",
        MX => "MX",
        TXT => "TXT",
        AAAA => "AAAA",
        SRV => "SRV",
        DNAME => "DNAME",
        OPT => "OPT",
        DS => "DS",
        RRSIG => "RRSIG",
        NSEC => "NSEC",
        DNSKEY => "DNSKEY",
        NSEC3 => "NSEC3",
        NSEC3PARAM => "NSEC3PARAM",
        TLSA => "TLSA",
        257 => "CAA",
        _ => Enum.IsDefined(typeof(DnsClient.QueryType), (int)type) ? ((DnsClient.QueryType)type).ToString() : $"TYPE{type}",
    };
}
