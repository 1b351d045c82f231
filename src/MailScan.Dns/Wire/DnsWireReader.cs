using System.Buffers.Binary;
using System.Text;
using MailScan.Parsing;

namespace MailScan.Dns.Wire;

/// <summary>
/// Reads a DNS message (RFC 1035 §4) into records that keep their RDATA. Pure and total: any
/// malformed input gives a <see cref="DnsParseError"/> with the octet and the reason. Compression
/// pointers must point backwards, so a pointer loop cannot exist.
/// </summary>
public static class DnsWireReader
{
    private const int HeaderLength = 12;

    /// <summary>Parses a whole message.</summary>
    public static Parsed<DnsMessage, DnsParseError> Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < HeaderLength)
            return Parsed<DnsMessage, DnsParseError>.Fail(new DnsParseError(data.Length, $"message of {data.Length} octets is shorter than a header"));
        var id = BinaryPrimitives.ReadUInt16BigEndian(data);
        var flags = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        Span<int> counts = stackalloc int[4];
        for (var i = 0; i < 4; i++)
            counts[i] = BinaryPrimitives.ReadUInt16BigEndian(data[(4 + 2 * i)..]);

        var at = HeaderLength;
        var questions = new List<WireQuestion>(Math.Min(counts[0], 4));
        for (var i = 0; i < counts[0]; i++)
        {
            var (name, next, error) = ReadName(data, at);
            if (error is not null)
                return Parsed<DnsMessage, DnsParseError>.Fail(error);
            if (next + 4 > data.Length)
                return Parsed<DnsMessage, DnsParseError>.Fail(new DnsParseError(next, "question ends early"));
            questions.Add(new WireQuestion(name!, BinaryPrimitives.ReadUInt16BigEndian(data[next..]), BinaryPrimitives.ReadUInt16BigEndian(data[(next + 2)..])));
            at = next + 4;
        }

        var sections = new List<WireRecord>[3];
        var rcode = flags & 0xF;
        var hasEdns = false;
        var extendedErrors = new List<(int, string)>();
        for (var s = 0; s < 3; s++)
        {
            // Each record takes at least 11 octets, so the counts cannot make us allocate beyond the message.
            sections[s] = new List<WireRecord>(Math.Min(counts[s + 1], (data.Length - at) / 11 + 1));
            for (var i = 0; i < counts[s + 1]; i++)
            {
                var (record, next, error) = ReadRecord(data, at);
                if (error is not null)
                    return Parsed<DnsMessage, DnsParseError>.Fail(error);
                at = next;
                if (record!.Type == DnsRecordType.OPT)
                {
                    if (s != 2 || hasEdns)
                        return Parsed<DnsMessage, DnsParseError>.Fail(new DnsParseError(at, "OPT record outside the additional section or repeated"));
                    hasEdns = true;
                    rcode |= (int)(record.Ttl >> 24) << 4;
                    extendedErrors.AddRange(ExtendedErrors(record.Data));
                    continue;
                }
                sections[s].Add(record);
            }
        }
        var message = new DnsMessage(id, flags, rcode, questions, sections[0], sections[1], sections[2])
        {
            HasEdns = hasEdns,
            ExtendedErrors = extendedErrors,
        };
        return Parsed<DnsMessage, DnsParseError>.Ok(message);
    }

    /// <summary>Reads a possibly compressed name at <paramref name="start"/>; returns it and the offset after it.</summary>
    public static (DnsName? Name, int Next, DnsParseError? Error) ReadName(ReadOnlySpan<byte> data, int start)
    {
        var labels = new List<byte[]>();
        var at = start;
        var next = -1;
        var length = 1;
        while (true)
        {
            if (at >= data.Length)
                return (null, 0, new DnsParseError(at, "name runs past the end of the message"));
            var octet = data[at];
            if ((octet & 0xC0) == 0xC0)
            {
                if (at + 1 >= data.Length)
                    return (null, 0, new DnsParseError(at, "compression pointer runs past the end"));
                var target = ((octet & 0x3F) << 8) | data[at + 1];
                // Only backwards pointers: each jump moves strictly earlier, so loops are impossible.
                if (target >= at)
                    return (null, 0, new DnsParseError(at, $"compression pointer to {target} does not point backwards (loop)"));
                if (next < 0)
                    next = at + 2;
                at = target;
                continue;
            }
            if ((octet & 0xC0) != 0)
                return (null, 0, new DnsParseError(at, $"unknown label type 0x{octet:x2}"));
            if (octet == 0)
                break;
            if (at + 1 + octet > data.Length)
                return (null, 0, new DnsParseError(at, "label runs past the end of the message"));
            length += octet + 1;
            if (length > DnsName.MaxWireLength)
                return (null, 0, new DnsParseError(start, "name longer than 255 octets"));
            labels.Add(data.Slice(at + 1, octet).ToArray());
            at += 1 + octet;
        }
        if (next < 0)
            next = at + 1;
        return (DnsName.FromLabels(labels), next, null);
    }

    private static (WireRecord? Record, int Next, DnsParseError? Error) ReadRecord(ReadOnlySpan<byte> data, int start)
    {
        var (owner, at, error) = ReadName(data, start);
        if (error is not null)
            return (null, 0, error);
        if (at + 10 > data.Length)
            return (null, 0, new DnsParseError(at, "record header ends early"));
        var type = BinaryPrimitives.ReadUInt16BigEndian(data[at..]);
        var @class = BinaryPrimitives.ReadUInt16BigEndian(data[(at + 2)..]);
        var ttl = BinaryPrimitives.ReadUInt32BigEndian(data[(at + 4)..]);
        var rdLength = BinaryPrimitives.ReadUInt16BigEndian(data[(at + 8)..]);
        var rdStart = at + 10;
        if (rdStart + rdLength > data.Length)
            return (null, 0, new DnsParseError(rdStart, $"{DnsRecordType.Name(type)} RDATA of {rdLength} octets runs past the end of the message"));
        var (rdata, rdError) = ExpandRdata(data, rdStart, rdLength, type);
        if (rdError is not null)
            return (null, 0, rdError);
        // RFC 2181 §8: a TTL with the top bit set is read as zero.
        return (new WireRecord(owner!, type, @class, ttl > int.MaxValue ? 0 : ttl, rdata!), rdStart + rdLength, null);
    }

    /// <summary>Copies RDATA, expanding compressed names in the types that embed names; checks the fields fit.</summary>
    private static (byte[]? Rdata, DnsParseError? Error) ExpandRdata(ReadOnlySpan<byte> data, int start, int length, ushort type)
    {
        var layout = RdataLayout.Of(type);
        if (layout is null)
            return (data.Slice(start, length).ToArray(), null);
        var end = start + length;
        var output = new List<byte>(length + 16);
        var at = start;
        var what = DnsRecordType.Name(type);
        foreach (var field in layout)
        {
            switch (field)
            {
                case RdataLayout.Name:
                    if (at >= end)
                        return (null, new DnsParseError(at, $"{what} RDATA ends before a name"));
                    var (name, next, error) = ReadName(data, at);
                    if (error is not null)
                        return (null, error);
                    if (next > end)
                        return (null, new DnsParseError(at, $"{what} name runs past its RDATA"));
                    output.AddRange(name!.ToWire(canonical: false));
                    at = next;
                    break;
                case RdataLayout.CharacterString:
                    if (at >= end || at + 1 + data[at] > end)
                        return (null, new DnsParseError(at, $"{what} character string runs past its RDATA"));
                    output.AddRange(data.Slice(at, 1 + data[at]));
                    at += 1 + data[at];
                    break;
                case RdataLayout.Rest:
                    output.AddRange(data[at..end]);
                    at = end;
                    break;
                default:
                    if (at + field > end)
                        return (null, new DnsParseError(at, $"{what} RDATA of {length} octets is too short"));
                    output.AddRange(data.Slice(at, field));
                    at += field;
                    break;
            }
        }
        if (at != end)
            return (null, new DnsParseError(at, $"{what} RDATA has {end - at} octets too many"));
        return ([.. output], null);
    }

    /// <summary>Extended DNS Error options (code 15, RFC 8914) inside OPT RDATA; anything malformed is skipped.</summary>
    private static IEnumerable<(int, string)> ExtendedErrors(byte[] options)
    {
        var found = new List<(int, string)>();
        var at = 0;
        while (at + 4 <= options.Length)
        {
            var code = BinaryPrimitives.ReadUInt16BigEndian(options.AsSpan(at));
            var length = BinaryPrimitives.ReadUInt16BigEndian(options.AsSpan(at + 2));
            if (at + 4 + length > options.Length)
                break;
            if (code == 15 && length >= 2)
            {
                var info = BinaryPrimitives.ReadUInt16BigEndian(options.AsSpan(at + 4));
                found.Add((info, Encoding.UTF8.GetString(options, at + 6, length - 2)));
            }
            at += 4 + length;
        }
        return found;
    }
}
