namespace MailScan.Dns.Dnssec.Records;

/// <summary>What is wrong with the RDATA of a DNSSEC record (DNSKEY, DS, RRSIG, NSEC, NSEC3).</summary>
public enum DnssecRecordFault
{
    /// <summary>The RDATA ends before its fixed fields do.</summary>
    TooShort,

    /// <summary>An embedded name (RRSIG signer, NSEC next owner) is malformed or runs past the RDATA.</summary>
    MalformedName,

    /// <summary>A length field (NSEC3 salt or hash) points past the RDATA.</summary>
    LengthOverrun,

    /// <summary>The NSEC3 next hashed owner is empty.</summary>
    EmptyHash,

    /// <summary>The type bit maps break RFC 4034 §4.1.2: a window out of order, an empty or long block, a cut block.</summary>
    MalformedTypeBitmap,

    /// <summary>The NSEC3 owner has no first label, or its first label is not base32hex.</summary>
    OwnerNotHashed,

    /// <summary>The NSEC3 owner hash and the next hashed owner differ in length.</summary>
    HashLengthMismatch,
}
