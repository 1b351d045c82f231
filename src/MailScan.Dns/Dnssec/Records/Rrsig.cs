using System.Buffers.Binary;
using MailScan.Dns.Wire;
using MailScan.Parsing;

namespace MailScan.Dns.Dnssec.Records;

/// <summary>The fields of an RRSIG record (RFC 4034 §3.1) and the octets it signs over.</summary>
public sealed record Rrsig(
    ushort TypeCovered,
    byte Algorithm,
    byte Labels,
    uint OriginalTtl,
    uint Expiration,
    uint Inception,
    ushort KeyTag,
    DnsName Signer,
    byte[] Signature,
    byte[] SignedPrefix)
{
    /// <summary>Parses RRSIG RDATA; an error when it is too short or the signer name is malformed.</summary>
    public static Parsed<Rrsig, DnssecRecordError> Parse(byte[] data)
    {
        if (data.Length < 18 + 1)
            return Parsed<Rrsig, DnssecRecordError>.Fail(new(DnsRecordType.RRSIG, DnssecRecordFault.TooShort, data.Length));
        var (signer, next, error) = DnsWireReader.ReadName(data, 18);
        if (error is not null || signer is null || next > data.Length)
            return Parsed<Rrsig, DnssecRecordError>.Fail(new(DnsRecordType.RRSIG, DnssecRecordFault.MalformedName, error?.Position ?? 18));
        var span = data.AsSpan();
        // The signed prefix is the RDATA without the signature, with the signer in canonical form.
        var signerWire = signer.ToWire(canonical: true);
        var prefix = new byte[18 + signerWire.Length];
        span[..18].CopyTo(prefix);
        signerWire.CopyTo(prefix, 18);
        return Parsed<Rrsig, DnssecRecordError>.Ok(new(
            BinaryPrimitives.ReadUInt16BigEndian(span),
            span[2],
            span[3],
            BinaryPrimitives.ReadUInt32BigEndian(span[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(span[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(span[12..]),
            BinaryPrimitives.ReadUInt16BigEndian(span[16..]),
            signer,
            data[next..],
            prefix));
    }

    /// <summary>RFC 4034 §3.1.5: times compared in 32-bit serial arithmetic around now.</summary>
    public bool IsExpiredAt(long unixSeconds) => SerialBefore(Expiration, unixSeconds);

    public bool IsNotYetValidAt(long unixSeconds) => SerialAfter(Inception, unixSeconds);

    /// <summary>A time readable by people for a 32-bit signature time, taken in the era nearest now.</summary>
    public static DateTimeOffset ToTime(uint value, long unixSeconds)
    {
        var delta = (int)(value - (uint)unixSeconds);
        return DateTimeOffset.FromUnixTimeSeconds(unixSeconds + delta);
    }

    private static bool SerialBefore(uint value, long now) => (int)(value - (uint)now) < 0;

    private static bool SerialAfter(uint value, long now) => (int)(value - (uint)now) > 0;
}
