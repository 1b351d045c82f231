using System.Buffers.Binary;
using MailScan.Dns.Dnssec.Crypto;
using MailScan.Dns.Wire;
using MailScan.Parsing;

namespace MailScan.Dns.Dnssec.Records;

/// <summary>A DNSKEY (RFC 4034 §2) with its key tag; <see cref="Rdata"/> is what DS digests cover.</summary>
public sealed record Dnskey(ushort Flags, byte Protocol, byte Algorithm, byte[] PublicKey, byte[] Rdata, ushort KeyTag)
{
    /// <summary>The public key, imported on first use and kept for as long as this key is (a validated DNSKEY set is cached with its keys).</summary>
    public DnssecPublicKey Verifier { get; } = new(Algorithm, PublicKey);

    /// <summary>Bit 7: the key may sign the zone's data.</summary>
    public bool IsZoneKey => (Flags & 0x0100) != 0;

    /// <summary>Bit 8 (RFC 5011): the key has been revoked.</summary>
    public bool IsRevoked => (Flags & 0x0080) != 0;

    public bool IsSecureEntryPoint => (Flags & 0x0001) != 0;

    public static Parsed<Dnskey, DnssecRecordError> Parse(byte[] rdata)
    {
        if (rdata.Length < 5)
            return Parsed<Dnskey, DnssecRecordError>.Fail(new(DnsRecordType.DNSKEY, DnssecRecordFault.TooShort, rdata.Length));
        return Parsed<Dnskey, DnssecRecordError>.Ok(
            new(BinaryPrimitives.ReadUInt16BigEndian(rdata), rdata[2], rdata[3], rdata[4..], rdata, ComputeKeyTag(rdata)));
    }

    /// <summary>RFC 4034 Appendix B: the 16-bit checksum of the RDATA.</summary>
    public static ushort ComputeKeyTag(ReadOnlySpan<byte> rdata)
    {
        uint sum = 0;
        for (var i = 0; i < rdata.Length; i++)
            sum += (i & 1) == 1 ? rdata[i] : (uint)rdata[i] << 8;
        sum += (sum >> 16) & 0xFFFF;
        return (ushort)(sum & 0xFFFF);
    }
}
