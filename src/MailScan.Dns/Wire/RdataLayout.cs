namespace MailScan.Dns.Wire;

/// <summary>
/// Where the domain names sit inside the RDATA of the types that embed them, so names can be
/// expanded when read (RFC 3597 §4) and lower-cased for DNSSEC's canonical form (RFC 4034 §6.2,
/// as corrected by RFC 6840 §5.1: names in NSEC RDATA keep their case).
/// </summary>
internal static class RdataLayout
{
    /// <summary>A field: a name (0), a character string (-1), the rest (-2), or N fixed octets (N &gt; 0).</summary>
    internal const int Name = 0;
    internal const int CharacterString = -1;
    internal const int Rest = -2;

    private static readonly int[] SingleName = [Name];
    private static readonly int[] Soa = [Name, Name, 20];
    private static readonly int[] PreferenceName = [2, Name];
    private static readonly int[] TwoNames = [Name, Name];
    private static readonly int[] Px = [2, Name, Name];
    private static readonly int[] Srv = [6, Name];
    private static readonly int[] Naptr = [4, CharacterString, CharacterString, CharacterString, Name];
    private static readonly int[] Rrsig = [18, Name, Rest];
    private static readonly int[] Nsec = [Name, Rest];

    /// <summary>The fields of a type that embeds names, or null for types whose RDATA is opaque here.</summary>
    public static int[]? Of(ushort type) => type switch
    {
        2 or 3 or 4 or 5 or 7 or 8 or 9 or 12 or 39 => SingleName, // NS MD MF CNAME MB MG MR PTR DNAME
        6 => Soa,
        15 or 18 or 21 or 36 => PreferenceName, // MX AFSDB RT KX
        14 or 17 => TwoNames, // MINFO RP
        26 => Px,
        33 => Srv,
        35 => Naptr,
        24 or 46 => Rrsig, // SIG RRSIG
        30 or 47 => Nsec, // NXT NSEC
        _ => null,
    };

    /// <summary>Whether names in this type's RDATA are lower-cased in the canonical form.</summary>
    public static bool LowersNames(ushort type) => type is not (30 or 47) && Of(type) is not null;
}
