using System.Buffers.Binary;
using MailScan.Dns.Wire;

namespace MailScan.Tests.Shared;

/// <summary>Builds DNS responses octet by octet, including ones no honest server would send.</summary>
internal static class CraftedAnswer
{
    /// <summary>A response to the query: its id (plus <paramref name="idOffset"/>) and question, the given flags and answer records.</summary>
    public static byte[] Respond(byte[] query, ushort flags, IReadOnlyList<byte[]> answers, int idOffset = 0)
    {
        var (_, next, _) = DnsWireReader.ReadName(query, 12);
        var question = query.AsSpan(12, next + 4 - 12);
        var message = new List<byte>();
        var header = new byte[12];
        BinaryPrimitives.WriteUInt16BigEndian(header, (ushort)(BinaryPrimitives.ReadUInt16BigEndian(query) + idOffset));
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)(0x8000 | flags));
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(6), (ushort)answers.Count);
        message.AddRange(header);
        message.AddRange(question.ToArray());
        foreach (var answer in answers)
            message.AddRange(answer);
        return [.. message];
    }

    /// <summary>One record; the owner is given on the wire (so it may be a compression pointer).</summary>
    public static byte[] Record(byte[] owner, ushort type, byte[] rdata, uint ttl = 300)
    {
        var record = new byte[owner.Length + 10 + rdata.Length];
        owner.CopyTo(record, 0);
        var at = owner.Length;
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(at), type);
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(at + 2), 1);
        BinaryPrimitives.WriteUInt32BigEndian(record.AsSpan(at + 4), ttl);
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(at + 8), (ushort)rdata.Length);
        rdata.CopyTo(record, at + 10);
        return record;
    }

    /// <summary>A pointer to the question name (offset 12).</summary>
    public static byte[] ToQuestionName => [0xC0, 12];

    public static byte[] Name(string name) => DnsName.Parse(name).ToWire(canonical: false);
}
