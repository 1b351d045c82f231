using System.Buffers.Binary;
using MailScan.Dns.Wire;

namespace MailScan.Dns.Tests.Wire;

/// <summary>Builds DNS messages octet by octet for the codec's tests: a header, then sections given as raw octets.</summary>
internal static class WireMessage
{
    /// <summary>A header with the id, flags and counts, followed by the octets given.</summary>
    public static byte[] Build(ushort flags, int questions, int answers, int authorities, int additionals, params byte[][] body)
    {
        var header = new byte[12];
        BinaryPrimitives.WriteUInt16BigEndian(header, 0x1234);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), flags);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), (ushort)questions);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(6), (ushort)answers);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(8), (ushort)authorities);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(10), (ushort)additionals);
        return [.. header, .. body.SelectMany(b => b)];
    }

    /// <summary>A question for the name (uncompressed) and type, class IN.</summary>
    public static byte[] Question(string name, ushort type) => [.. Name(name), (byte)(type >> 8), (byte)type, 0, 1];

    /// <summary>A name in wire form, uncompressed, case kept.</summary>
    public static byte[] Name(string name) => DnsName.Parse(name).ToWire(canonical: false);

    /// <summary>Labels followed by a compression pointer to <paramref name="offset"/>.</summary>
    public static byte[] NameThen(string labels, int offset)
    {
        var wire = DnsName.Parse(labels).ToWire(canonical: false);
        return [.. wire[..^1], Pointer(offset)[0], Pointer(offset)[1]];
    }

    public static byte[] Pointer(int offset) => [(byte)(0xC0 | (offset >> 8)), (byte)offset];

    /// <summary>A record: owner octets as given, type, class IN, TTL, RDATA.</summary>
    public static byte[] Record(byte[] owner, ushort type, byte[] rdata, uint ttl = 300, ushort @class = 1)
    {
        var fixedPart = new byte[10];
        BinaryPrimitives.WriteUInt16BigEndian(fixedPart, type);
        BinaryPrimitives.WriteUInt16BigEndian(fixedPart.AsSpan(2), @class);
        BinaryPrimitives.WriteUInt32BigEndian(fixedPart.AsSpan(4), ttl);
        BinaryPrimitives.WriteUInt16BigEndian(fixedPart.AsSpan(8), (ushort)rdata.Length);
        return [.. owner, .. fixedPart, .. rdata];
    }

    /// <summary>The offset of the first question's name: right after the header.</summary>
    public const int QuestionName = 12;
}
