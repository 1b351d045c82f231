using System.Buffers.Binary;
using System.Text;

namespace MailScan.LabServers;

/// <summary>
/// The answers of the hostile DNS behaviours, made from the query's bytes. Addresses handed out
/// are in the lab's own ranges (127.(100+I).240.0/20 and fd00:dead:I:ffff::/64, where nothing
/// listens), so a scanner that follows them hurts no one.
/// </summary>
public sealed class HostileDnsAnswers(int instance)
{
    private const int MaxMessage = 65535;
    private const ushort TypeA = 1, TypeNs = 2, TypeCname = 5, TypeMx = 15, TypeTxt = 16, TypeAaaa = 28;
    private const int TxtBombStrings = 10_000;

    /// <summary>The answer to send, or null to stay silent.</summary>
    public byte[]? Answer(Behaviour behaviour, ReadOnlySpan<byte> query, bool tcp)
    {
        if (!DnsQuestion.TryRead(query, out var question))
            return null;
        var message = new DnsMessageBuilder(question);
        switch (behaviour)
        {
            case Behaviour.DnsServfail:
                return message.Build(rcode: 2);
            case Behaviour.DnsTcpHang:
                return tcp ? null : message.Build(truncated: true);
            case Behaviour.DnsPointerLoop:
                // The owner of the one answer record points at its own offset.
                var self = message.Length;
                message.Record([(byte)(0xC0 | (self >> 8)), (byte)self], TypeA, [127, (byte)(100 + instance), 240, 1]);
                return message.Build();
            case Behaviour.DnsWrongId:
                if (question.Type == TypeA)
                    message.Record(DnsMessageBuilder.QuestionName, TypeA, [127, (byte)(100 + instance), 240, 1]);
                return message.Build(idXor: 0x5A5A);
            case Behaviour.DnsCnameLoop:
                // qname CNAME loop.<qname>; loop.<qname> CNAME qname.
                var loopName = message.Length + 12; // where "loop" lands: after the first record's owner, fixed fields and RDLENGTH
                message.Record(DnsMessageBuilder.QuestionName, TypeCname, [4, .. "loop"u8, 0xC0, 12]);
                message.Record([(byte)(0xC0 | (loopName >> 8)), (byte)loopName], TypeCname, DnsMessageBuilder.QuestionName);
                return message.Build();
            case Behaviour.DnsTxtBomb:
                if (question.Type != TypeTxt)
                    return message.Build();
                if (!tcp)
                    return message.Build(truncated: true);
                message.Record(DnsMessageBuilder.QuestionName, TypeTxt, TxtBomb());
                return message.Build();
            default:
                return tcp ? Fill(message, question.Type) : message.Build(truncated: true);
        }
    }

    /// <summary>Records of the asked type until the message is as large as DNS allows.</summary>
    private byte[] Fill(DnsMessageBuilder message, ushort type)
    {
        for (var i = 0; ; i++)
        {
            var data = RecordData(type, i);
            if (message.Length + 2 + 10 + data.Length > MaxMessage)
                return message.Build();
            message.Record(DnsMessageBuilder.QuestionName, type, data);
        }
    }

    private byte[] RecordData(ushort type, int i) => type switch
    {
        TypeA => [127, (byte)(100 + instance), (byte)(240 + (i >> 8) % 16), (byte)i],
        TypeAaaa => [0xFD, 0x00, 0xDE, 0xAD, (byte)(instance >> 8), (byte)instance, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, (byte)(i >> 8), (byte)i],
        TypeMx => [0, 10, .. Label($"mx{i}"), 0xC0, 12],
        TypeNs => [.. Label($"ns{i}"), 0xC0, 12],
        TypeTxt => [200, .. Enumerable.Repeat((byte)'x', 200)],
        _ => Enumerable.Range(0, 32).Select(b => (byte)(b * 37 + i)).ToArray(),
    };

    /// <summary>"v=spf1" then 9 999 strings " mx": one TXT record of 10 000 strings.</summary>
    private static byte[] TxtBomb()
    {
        var data = new List<byte>(40_000) { 6 };
        data.AddRange("v=spf1"u8.ToArray());
        for (var i = 1; i < TxtBombStrings; i++)
            data.AddRange([3, (byte)' ', (byte)'m', (byte)'x']);
        return [.. data];
    }

    private static byte[] Label(string text) => [(byte)text.Length, .. Encoding.ASCII.GetBytes(text)];

    /// <summary>The parts of a query the answers need.</summary>
    private readonly record struct DnsQuestion(ushort Id, bool RecursionDesired, byte[] Section, ushort Type)
    {
        public static bool TryRead(ReadOnlySpan<byte> query, out DnsQuestion question)
        {
            question = default;
            if (query.Length < 12 || (query[2] & 0x80) != 0)
                return false;
            var at = 12;
            while (at < query.Length && query[at] != 0)
            {
                if ((query[at] & 0xC0) != 0)
                    return false;
                at += query[at] + 1;
            }
            if (at + 5 > query.Length)
                return false;
            var type = BinaryPrimitives.ReadUInt16BigEndian(query[(at + 1)..]);
            question = new DnsQuestion(BinaryPrimitives.ReadUInt16BigEndian(query), (query[2] & 1) != 0, query[12..(at + 5)].ToArray(), type);
            return true;
        }
    }

    /// <summary>A response: header, the question echoed, answer records.</summary>
    private sealed class DnsMessageBuilder(DnsQuestion question)
    {
        /// <summary>A compression pointer to the question's name (it always starts at offset 12).</summary>
        public static readonly byte[] QuestionName = [0xC0, 12];

        private readonly List<byte> _records = [];
        private int _count;

        /// <summary>The length the message has so far.</summary>
        public int Length => 12 + question.Section.Length + _records.Count;

        public void Record(byte[] owner, ushort type, byte[] data)
        {
            _records.AddRange(owner);
            _records.AddRange([(byte)(type >> 8), (byte)type, 0, 1, 0, 0, 1, 44, (byte)(data.Length >> 8), (byte)data.Length]);
            _records.AddRange(data);
            _count++;
        }

        public byte[] Build(int rcode = 0, bool truncated = false, ushort idXor = 0)
        {
            var id = (ushort)(question.Id ^ idXor);
            var flags = 0x8000 | 0x0080 | (question.RecursionDesired ? 0x0100 : 0) | (truncated ? 0x0200 : 0) | rcode;
            byte[] header = [(byte)(id >> 8), (byte)id, (byte)(flags >> 8), (byte)flags, 0, 1, (byte)(_count >> 8), (byte)_count, 0, 0, 0, 0];
            return [.. header, .. question.Section, .. _records];
        }
    }
}
