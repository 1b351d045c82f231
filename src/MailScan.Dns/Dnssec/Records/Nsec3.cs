using System.Buffers.Binary;
using System.Security.Cryptography;
using MailScan.Dns.Wire;
using MailScan.Parsing;

namespace MailScan.Dns.Dnssec.Records;

/// <summary>An NSEC3 record (RFC 5155 §3): hashed owner, parameters, next hashed owner, types.</summary>
public sealed record Nsec3(DnsName Owner, DnsName Zone, byte[] OwnerHash, byte HashAlgorithm, byte Flags, ushort Iterations, byte[] Salt, byte[] NextHash, TypeBitmap Types)
{
    /// <summary>The opt-out flag: unsigned delegations in this span may exist without NSEC3 records.</summary>
    public bool OptOut => (Flags & 0x01) != 0;

    public bool IsDelegation => Types.Has(DnsRecordType.NS) && !Types.Has(DnsRecordType.SOA);

    public static Parsed<Nsec3, DnssecRecordError> Parse(DnsName owner, byte[] rdata)
    {
        if (owner.LabelCount < 1)
            return Fail(DnssecRecordFault.OwnerNotHashed, 0);
        if (rdata.Length < 6)
            return Fail(DnssecRecordFault.TooShort, rdata.Length);
        var saltLength = rdata[4];
        if (5 + saltLength + 1 > rdata.Length)
            return Fail(DnssecRecordFault.LengthOverrun, 4);
        var hashLength = rdata[5 + saltLength];
        var hashStart = 6 + saltLength;
        if (hashLength == 0)
            return Fail(DnssecRecordFault.EmptyHash, hashStart - 1);
        if (hashStart + hashLength > rdata.Length)
            return Fail(DnssecRecordFault.LengthOverrun, hashStart - 1);
        var (types, bitmapError) = TypeBitmap.Parse(DnsRecordType.NSEC3, rdata, hashStart + hashLength);
        if (types is null)
            return Parsed<Nsec3, DnssecRecordError>.Fail(bitmapError!);
        var ownerHash = Base32Hex.Decode(owner.Labels[0]);
        if (ownerHash is null)
            return Fail(DnssecRecordFault.OwnerNotHashed, 0);
        if (ownerHash.Length != hashLength)
            return Fail(DnssecRecordFault.HashLengthMismatch, hashStart - 1);
        return Parsed<Nsec3, DnssecRecordError>.Ok(new(owner, owner.Parent(), ownerHash, rdata[0], rdata[1], BinaryPrimitives.ReadUInt16BigEndian(rdata.AsSpan(2)),
            rdata[5..(5 + saltLength)], rdata[hashStart..(hashStart + hashLength)], types));
    }

    private static Parsed<Nsec3, DnssecRecordError> Fail(DnssecRecordFault fault, int position) =>
        Parsed<Nsec3, DnssecRecordError>.Fail(new(DnsRecordType.NSEC3, fault, position));

    /// <summary>Whether this record's owner hash equals the hash.</summary>
    public bool Matches(byte[] hash) => OwnerHash.AsSpan().SequenceEqual(hash);

    /// <summary>The hash lies strictly between owner and next hash (the last record wraps).</summary>
    public bool Covers(byte[] hash)
    {
        var afterOwner = OwnerHash.AsSpan().SequenceCompareTo(hash) < 0;
        var beforeNext = hash.AsSpan().SequenceCompareTo(NextHash) < 0;
        return OwnerHash.AsSpan().SequenceCompareTo(NextHash) < 0 ? afterOwner && beforeNext : afterOwner || beforeNext;
    }

    /// <summary>Whether another record uses the same hash parameters (a proof must not mix chains).</summary>
    public bool SameParameters(Nsec3 other) =>
        HashAlgorithm == other.HashAlgorithm && Iterations == other.Iterations && Salt.AsSpan().SequenceEqual(other.Salt) && Zone == other.Zone;

    /// <summary>RFC 5155 §5: iterated SHA-1 over the canonical name and the salt.</summary>
    public byte[] Hash(DnsName name)
    {
        var input = new byte[name.WireLength + Salt.Length];
        name.WriteWire(input, canonical: true);
        Salt.CopyTo(input, name.WireLength);
        var digest = SHA1.HashData(input);
        var buffer = new byte[digest.Length + Salt.Length];
        for (var i = 0; i < Iterations; i++)
        {
            digest.CopyTo(buffer, 0);
            Salt.CopyTo(buffer, digest.Length);
            digest = SHA1.HashData(buffer);
        }
        return digest;
    }
}
