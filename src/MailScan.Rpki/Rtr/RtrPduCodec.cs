using System.Buffers.Binary;
using System.Text;

namespace MailScan.Rpki.Rtr;

/// <summary>
/// The wire format of RTR versions 0 and 1 (RFC 6810, RFC 8210 §5). Reading is pure and total:
/// any bytes give a PDU, "need more", or an error with the code to report and a reason — never
/// an exception. PDUs are at most <see cref="MaxPduLength"/> bytes.
/// </summary>
public static class RtrPduCodec
{
    public const int HeaderLength = 8;

    /// <summary>Larger than any Error Report or Router Key a cache sends; a bigger length is corrupt data.</summary>
    public const int MaxPduLength = 1 << 16;

    /// <summary>Reads the PDU at the start of the buffer.</summary>
    public static RtrReadStatus TryRead(ReadOnlySpan<byte> buffer, out RtrPdu? pdu, out int consumed, out RtrDecodeError? error)
    {
        pdu = null;
        consumed = 0;
        error = null;
        if (buffer.Length < HeaderLength)
            return RtrReadStatus.NeedMore;
        var version = buffer[0];
        var typeCode = buffer[1];
        var length = BinaryPrimitives.ReadUInt32BigEndian(buffer[4..8]);
        if (version > 1)
            return Fail(out error, RtrErrorCode.UnsupportedProtocolVersion, typeCode, $"protocol version {version} is not 0 or 1");
        if (length < HeaderLength || length > MaxPduLength)
            return Fail(out error, RtrErrorCode.CorruptData, typeCode, $"length {length} is outside {HeaderLength}-{MaxPduLength}");
        if (buffer.Length < length)
            return RtrReadStatus.NeedMore;
        var reason = Decode(buffer[..(int)length], out pdu, out var code);
        if (reason is not null)
            return Fail(out error, code, typeCode, reason);
        consumed = (int)length;
        return RtrReadStatus.Complete;
    }

    private static string? Decode(ReadOnlySpan<byte> raw, out RtrPdu? pdu, out RtrErrorCode code)
    {
        pdu = null;
        code = RtrErrorCode.CorruptData;
        var version = raw[0];
        var type = (RtrPduType)raw[1];
        var field = BinaryPrimitives.ReadUInt16BigEndian(raw[2..4]);
        var body = raw[HeaderLength..];
        var header = new RtrPdu(version, type);
        switch (type)
        {
            case RtrPduType.SerialNotify or RtrPduType.SerialQuery:
                if (body.Length != 4)
                    return $"length {raw.Length} is not 12";
                pdu = header with { SessionId = field, Serial = BinaryPrimitives.ReadUInt32BigEndian(body) };
                return null;
            case RtrPduType.ResetQuery or RtrPduType.CacheReset or RtrPduType.CacheResponse:
                if (body.Length != 0)
                    return $"length {raw.Length} is not 8";
                // Reset Query and Cache Reset carry a zero field; only a Cache Response names the session.
                pdu = type == RtrPduType.CacheResponse ? header with { SessionId = field } : header;
                return null;
            case RtrPduType.Ipv4Prefix or RtrPduType.Ipv6Prefix:
                return DecodePrefix(header, body, out pdu);
            case RtrPduType.EndOfData:
                return DecodeEndOfData(header, field, body, out pdu);
            case RtrPduType.RouterKey when version >= 1:
                // BGPsec router keys: read over, not used for origin validation.
                if (body.Length < 24)
                    return $"length {raw.Length} is shorter than a Router Key";
                pdu = header;
                return null;
            case RtrPduType.ErrorReport:
                return DecodeErrorReport(header, field, body, out pdu);
            default:
                code = RtrErrorCode.UnsupportedPduType;
                return $"PDU type {(byte)type} is not one of protocol version {version}";
        }
    }

    private static string? DecodePrefix(RtrPdu header, ReadOnlySpan<byte> body, out RtrPdu? pdu)
    {
        pdu = null;
        var ipv6 = header.Type == RtrPduType.Ipv6Prefix;
        var expected = ipv6 ? 24 : 12;
        if (body.Length != expected)
            return $"length {body.Length + HeaderLength} is not {expected + HeaderLength}";
        var flags = body[0];
        var length = body[1];
        var maxLength = body[2];
        var width = ipv6 ? 128 : 32;
        if (length > width || maxLength > width || length > maxLength)
            return $"prefix length {length} and max length {maxLength} do not fit (0 <= length <= max length <= {width})";
        UInt128 bits = ipv6 ? BinaryPrimitives.ReadUInt128BigEndian(body[4..20]) : BinaryPrimitives.ReadUInt32BigEndian(body[4..8]);
        var asn = BinaryPrimitives.ReadUInt32BigEndian(ipv6 ? body[20..24] : body[8..12]);
        if (IpPrefix.Mask(bits, length, width) != bits)
            return $"the prefix has bits set beyond its length {length}";
        var prefix = IpPrefix.FromBits(ipv6, bits, length);
        pdu = header with { Announce = (flags & 1) == 1, Vrp = new Vrp(prefix, maxLength, asn) };
        return null;
    }

    private static string? DecodeEndOfData(RtrPdu header, ushort session, ReadOnlySpan<byte> body, out RtrPdu? pdu)
    {
        pdu = null;
        var expected = header.Version == 0 ? 4 : 16;
        if (body.Length != expected)
            return $"length {body.Length + HeaderLength} is not {expected + HeaderLength} for version {header.Version}";
        var serial = BinaryPrimitives.ReadUInt32BigEndian(body);
        RtrTimers? timers = null;
        if (header.Version >= 1)
        {
            var refresh = BinaryPrimitives.ReadUInt32BigEndian(body[4..8]);
            var retry = BinaryPrimitives.ReadUInt32BigEndian(body[8..12]);
            var expire = BinaryPrimitives.ReadUInt32BigEndian(body[12..16]);
            // RFC 8210 §6 ranges; a cache outside them is corrupt, not to be trusted with our timers.
            if (refresh is < 1 or > 86400 || retry is < 1 or > 7200 || expire is < 600 or > 172800 || expire <= refresh || expire <= retry)
                return $"intervals refresh {refresh}, retry {retry}, expire {expire} are outside RFC 8210's ranges";
            timers = new RtrTimers(TimeSpan.FromSeconds(refresh), TimeSpan.FromSeconds(retry), TimeSpan.FromSeconds(expire));
        }
        pdu = header with { SessionId = session, Serial = serial, Timers = timers };
        return null;
    }

    private static string? DecodeErrorReport(RtrPdu header, ushort code, ReadOnlySpan<byte> body, out RtrPdu? pdu)
    {
        pdu = null;
        if (body.Length < 8)
            return $"length {body.Length + HeaderLength} is shorter than an Error Report";
        var inner = BinaryPrimitives.ReadUInt32BigEndian(body);
        if (inner > body.Length - 8)
            return $"the encapsulated PDU length {inner} runs past the report";
        var textAt = 4 + (int)inner;
        var textLength = BinaryPrimitives.ReadUInt32BigEndian(body[textAt..]);
        if (textLength != body.Length - textAt - 4)
            return $"the text length {textLength} does not fill the report";
        var text = Encoding.UTF8.GetString(body[(textAt + 4)..]);
        pdu = header with { ErrorCode = (RtrErrorCode)code, ErroneousPdu = body[4..textAt].ToArray(), ErrorText = text };
        return null;
    }

    private static RtrReadStatus Fail(out RtrDecodeError? error, RtrErrorCode code, byte type, string reason)
    {
        error = new RtrDecodeError(code, $"PDU type {type}", reason);
        return RtrReadStatus.Error;
    }

    /// <summary>The bytes of a PDU (queries and error reports from us; every type for tests and replayed caches).</summary>
    public static byte[] Write(RtrPdu pdu)
    {
        var body = pdu.Type switch
        {
            RtrPduType.SerialNotify or RtrPduType.SerialQuery => BigEndian(pdu.Serial),
            RtrPduType.Ipv4Prefix or RtrPduType.Ipv6Prefix => PrefixBody(pdu),
            RtrPduType.EndOfData when pdu.Version == 0 => BigEndian(pdu.Serial),
            RtrPduType.EndOfData => [.. BigEndian(pdu.Serial), .. BigEndian(Seconds((pdu.Timers ?? RtrTimers.Default).Refresh)),
                .. BigEndian(Seconds((pdu.Timers ?? RtrTimers.Default).Retry)), .. BigEndian(Seconds((pdu.Timers ?? RtrTimers.Default).Expire))],
            RtrPduType.RouterKey => new byte[24],
            RtrPduType.ErrorReport => [.. BigEndian((uint)pdu.ErroneousPdu.Length), .. pdu.ErroneousPdu,
                .. BigEndian((uint)Encoding.UTF8.GetByteCount(pdu.ErrorText)), .. Encoding.UTF8.GetBytes(pdu.ErrorText)],
            _ => [],
        };
        var field = pdu.Type switch
        {
            RtrPduType.ErrorReport => (ushort)pdu.ErrorCode,
            RtrPduType.Ipv4Prefix or RtrPduType.Ipv6Prefix or RtrPduType.ResetQuery or RtrPduType.RouterKey => (ushort)0,
            _ => pdu.SessionId,
        };
        var bytes = new byte[HeaderLength + body.Length];
        bytes[0] = pdu.Version;
        bytes[1] = (byte)pdu.Type;
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), field);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), (uint)bytes.Length);
        body.CopyTo(bytes, HeaderLength);
        return bytes;
    }

    private static byte[] PrefixBody(RtrPdu pdu)
    {
        var ipv6 = pdu.Vrp.Prefix.IsIpv6;
        var body = new byte[ipv6 ? 24 : 12];
        body[0] = pdu.Announce ? (byte)1 : (byte)0;
        body[1] = pdu.Vrp.Prefix.Length;
        body[2] = pdu.Vrp.MaxLength;
        if (ipv6)
            BinaryPrimitives.WriteUInt128BigEndian(body.AsSpan(4), pdu.Vrp.Prefix.Bits);
        else
            BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(4), (uint)pdu.Vrp.Prefix.Bits);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(ipv6 ? 20 : 8), pdu.Vrp.Asn);
        return body;
    }

    private static byte[] BigEndian(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    private static uint Seconds(TimeSpan span) => (uint)Math.Clamp(span.TotalSeconds, 0, uint.MaxValue);
}
