using MailScan.Dns.Wire;
using MailScan.Parsing;

namespace MailScan.Dns.Dnssec.Records;

/// <summary>An NSEC record (RFC 4034 §4): no names between <see cref="Owner"/> and <see cref="Next"/>, these types at the owner.</summary>
public sealed record Nsec(DnsName Owner, DnsName Next, TypeBitmap Types)
{
    public static Parsed<Nsec, DnssecRecordError> Parse(DnsName owner, byte[] rdata)
    {
        var (next, end, error) = DnsWireReader.ReadName(rdata, 0);
        if (error is not null || next is null || end > rdata.Length)
            return Parsed<Nsec, DnssecRecordError>.Fail(new(DnsRecordType.NSEC, DnssecRecordFault.MalformedName, error?.Position ?? 0));
        var (types, bitmapError) = TypeBitmap.Parse(DnsRecordType.NSEC, rdata, end);
        return types is null
            ? Parsed<Nsec, DnssecRecordError>.Fail(bitmapError!)
            : Parsed<Nsec, DnssecRecordError>.Ok(new(owner, next, types));
    }

    /// <summary>The owner is a delegation point seen from the parent: NS without SOA (RFC 6840 §4.1).</summary>
    public bool IsDelegation => Types.Has(DnsRecordType.NS) && !Types.Has(DnsRecordType.SOA);

    /// <summary>The name lies strictly between owner and next in canonical order (the last NSEC wraps to the apex).</summary>
    public bool Covers(DnsName name)
    {
        var afterOwner = Owner.CompareTo(name) < 0;
        var beforeNext = name.CompareTo(Next) < 0;
        return Owner.CompareTo(Next) < 0 ? afterOwner && beforeNext : afterOwner;
    }
}
