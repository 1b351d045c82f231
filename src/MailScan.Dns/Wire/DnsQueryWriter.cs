using System.Buffers.Binary;

namespace MailScan.Dns.Wire;

/// <summary>The flags a query is sent with.</summary>
/// <param name="RecursionDesired">RD: ask a recursive resolver to resolve (off for direct queries).</param>
/// <param name="CheckingDisabled">CD: a validating resolver returns data even when it judges it bogus, with its RRSIGs.</param>
/// <param name="DnssecOk">DO: include RRSIG, NSEC and NSEC3 records.</param>
/// <param name="UdpPayloadSize">EDNS(0) UDP payload size advertised.</param>
public sealed record DnsQueryFlags(bool RecursionDesired, bool CheckingDisabled, bool DnssecOk, ushort UdpPayloadSize);

/// <summary>Writes a query message: one question and an EDNS(0) OPT record (RFC 6891).</summary>
public static class DnsQueryWriter
{
    public static byte[] Write(ushort id, WireQuestion question, DnsQueryFlags flags)
    {
        var buffer = new byte[12 + question.Name.WireLength + 4 + 11];
        var span = buffer.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(span, id);
        ushort bits = 0;
        if (flags.RecursionDesired)
            bits |= 0x0100;
        if (flags.CheckingDisabled)
            bits |= 0x0010;
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], bits);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], 1); // QDCOUNT
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], 1); // ARCOUNT: the OPT record
        var at = 12 + question.Name.WriteWire(span[12..], canonical: false);
        BinaryPrimitives.WriteUInt16BigEndian(span[at..], question.Type);
        BinaryPrimitives.WriteUInt16BigEndian(span[(at + 2)..], question.Class);
        at += 4;
        span[at] = 0; // root owner
        BinaryPrimitives.WriteUInt16BigEndian(span[(at + 1)..], DnsRecordType.OPT);
        BinaryPrimitives.WriteUInt16BigEndian(span[(at + 3)..], flags.UdpPayloadSize);
        // TTL field: extended RCODE 0, version 0, then the DO bit at the top of the flags.
        BinaryPrimitives.WriteUInt32BigEndian(span[(at + 5)..], flags.DnssecOk ? 0x8000u : 0u);
        BinaryPrimitives.WriteUInt16BigEndian(span[(at + 9)..], 0);
        return buffer;
    }
}
