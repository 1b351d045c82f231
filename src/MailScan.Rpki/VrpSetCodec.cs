using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using MailScan.Parsing;

namespace MailScan.Rpki;

/// <summary>
/// The compact binary form of a <see cref="VrpSet"/> that one cluster process publishes and the
/// others load (a full-size set is a few MB, several times smaller than its JSON export and
/// faster to read). Layout, big-endian: "MSVRP", format 1; the info (source and version as
/// length-prefixed UTF-8, load time in Unix ms, a flag byte for generation time, RTR session and
/// serial, each present when flagged); the VRP count; then per VRP one byte family and length
/// (high bit IPv6), maxLength, ASN (4 bytes) and only the address bytes the length needs.
/// Decoding is pure and total: bad or truncated bytes give an error with the byte position.
/// </summary>
public static class VrpSetCodec
{
    public const byte Format = 1;

    private static ReadOnlySpan<byte> Magic => "MSVRP"u8;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The smallest a VRP takes: family/length, maxLength, ASN, no address bytes (a /0).</summary>
    private const int SmallestVrp = 6;

    /// <summary>The family/length byte of an IPv6 prefix is this plus its length.</summary>
    private const int Ipv6Lengths = 64;

    private const int MaxTextChars = ushort.MaxValue / 3;

    public static byte[] Encode(VrpSet set)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + set.Count * 12);
        buffer.Write(Magic);
        buffer.Write([Format]);
        WriteInfo(buffer, set.Info);
        WriteUInt32(buffer, (uint)set.Count);
        Span<byte> address = stackalloc byte[16];
        foreach (var vrp in set.All())
        {
            var prefix = vrp.Prefix;
            var record = buffer.GetSpan(6 + 16);
            record[0] = (byte)((prefix.IsIpv6 ? Ipv6Lengths : 0) + prefix.Length);
            record[1] = vrp.MaxLength;
            BinaryPrimitives.WriteUInt32BigEndian(record[2..], vrp.Asn);
            var bytes = AddressBytes(prefix.Length);
            WriteAddress(prefix, address);
            address[..bytes].CopyTo(record[6..]);
            buffer.Advance(6 + bytes);
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static Parsed<VrpSet, RpkiParseError> Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new VrpSetReader(bytes);
        if (!reader.TryRead(Magic.Length, out var magic) || !magic.SequenceEqual(Magic))
            return Parsed<VrpSet, RpkiParseError>.Fail(new RpkiParseError("byte 0", "not a serialised VRP set (no MSVRP header)"));
        if (!reader.TryRead(1, out var format) || format[0] != Format)
            return reader.Fail(format.IsEmpty ? "the format byte is missing" : $"format {format[0]} is not one this scanner reads ({Format})");
        if (ReadInfo(ref reader, out var error) is not { } info)
            return reader.Fail(error!);
        if (!reader.TryReadUInt32(out var count))
            return reader.Fail("the VRP count is missing");
        if (count > reader.Remaining / SmallestVrp)
            return reader.Fail($"{count} VRPs cannot fit in the {reader.Remaining} bytes left");
        var vrps = new Vrp[count];
        for (var i = 0; i < vrps.Length; i++)
        {
            if (ReadVrp(ref reader, out error) is not { } vrp)
                return reader.Fail($"VRP {i}: {error}");
            vrps[i] = vrp;
        }
        if (reader.Remaining != 0)
            return reader.Fail($"{reader.Remaining} bytes follow the last VRP");
        // Encode writes index order, so the sort is skipped; bytes in another order still make the same set.
        return Parsed<VrpSet, RpkiParseError>.Ok(VrpSet.FromOrdered(info, vrps) ?? VrpSet.Create(info, vrps));
    }

    private static Vrp? ReadVrp(ref VrpSetReader reader, out string? error)
    {
        if (!reader.TryRead(6, out var head))
        {
            error = "truncated";
            return null;
        }
        var (isIpv6, maxLength) = (head[0] >= Ipv6Lengths, head[1]);
        var (length, width) = isIpv6 ? (head[0] - Ipv6Lengths, 128) : (head[0], 32);
        if (length > width || maxLength < length || maxLength > width)
        {
            error = $"prefix length {length} and maxLength {maxLength} do not fit an {(isIpv6 ? "IPv6" : "IPv4")} prefix";
            return null;
        }
        if (!reader.TryRead(AddressBytes(length), out var packed))
        {
            error = "the address is truncated";
            return null;
        }
        Span<byte> address = stackalloc byte[16];
        address.Clear();
        packed.CopyTo(address);
        var bits = isIpv6 ? BinaryPrimitives.ReadUInt128BigEndian(address) : BinaryPrimitives.ReadUInt32BigEndian(address);
        if (IpPrefix.Mask(bits, length, width) != bits)
        {
            error = $"the address has bits set beyond /{length}";
            return null;
        }
        error = null;
        return new Vrp(IpPrefix.FromBits(isIpv6, bits, length), maxLength, BinaryPrimitives.ReadUInt32BigEndian(head[2..]));
    }

    private static void WriteInfo(ArrayBufferWriter<byte> buffer, VrpSetInfo info)
    {
        WriteText(buffer, info.Source);
        WriteText(buffer, info.Version);
        WriteInt64(buffer, info.LoadedAt.ToUnixTimeMilliseconds());
        var flags = (byte)((info.GeneratedAt is null ? 0 : 1) | (info.RtrSession is null ? 0 : 2) | (info.RtrSerial is null ? 0 : 4));
        buffer.Write([flags]);
        if (info.GeneratedAt is { } generated)
            WriteInt64(buffer, generated.ToUnixTimeMilliseconds());
        if (info.RtrSession is { } session)
            WriteUInt32(buffer, (uint)session);
        if (info.RtrSerial is { } serial)
            WriteUInt32(buffer, serial);
    }

    private static VrpSetInfo? ReadInfo(ref VrpSetReader reader, out string? error)
    {
        error = null;
        if (!TryReadText(ref reader, out var source) || !TryReadText(ref reader, out var version))
            error = "the source or version is truncated or not UTF-8";
        else if (!TryReadTime(ref reader, out var loaded))
            error = "the load time is truncated or out of range";
        else if (!reader.TryRead(1, out var flags) || flags[0] > 7)
            error = "the info flags are missing or unknown";
        else
        {
            var generated = default(DateTimeOffset);
            var (session, serial) = (0u, 0u);
            if (((flags[0] & 1) != 0 && !TryReadTime(ref reader, out generated))
                || ((flags[0] & 2) != 0 && !reader.TryReadUInt32(out session))
                || ((flags[0] & 4) != 0 && !reader.TryReadUInt32(out serial)))
            {
                error = "the generation time or RTR session/serial is truncated or out of range";
                return null;
            }
            return new VrpSetInfo(source, version, loaded, (flags[0] & 1) != 0 ? generated : null)
            {
                RtrSession = (flags[0] & 2) != 0 ? (int)session : null,
                RtrSerial = (flags[0] & 4) != 0 ? serial : null,
            };
        }
        return null;
    }

    private static bool TryReadText(ref VrpSetReader reader, out string text)
    {
        text = "";
        if (!reader.TryRead(2, out var length) || !reader.TryRead(BinaryPrimitives.ReadUInt16BigEndian(length), out var utf8))
            return false;
        try
        {
            text = StrictUtf8.GetString(utf8);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static bool TryReadTime(ref VrpSetReader reader, out DateTimeOffset time)
    {
        time = default;
        if (!reader.TryRead(8, out var raw))
            return false;
        var ms = BinaryPrimitives.ReadInt64BigEndian(raw);
        if (ms < DateTimeOffset.MinValue.ToUnixTimeMilliseconds() || ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
            return false;
        time = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        return true;
    }

    private static void WriteText(ArrayBufferWriter<byte> buffer, string text)
    {
        // Sources and versions are short; one too long for the field is cut (3 bytes at most per char), never refused.
        var utf8 = Encoding.UTF8.GetBytes(text.Length > MaxTextChars ? text[..MaxTextChars] : text);
        BinaryPrimitives.WriteUInt16BigEndian(buffer.GetSpan(2), (ushort)utf8.Length);
        buffer.Advance(2);
        buffer.Write(utf8);
    }

    private static void WriteUInt32(ArrayBufferWriter<byte> buffer, uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(buffer.GetSpan(4), value);
        buffer.Advance(4);
    }

    private static void WriteInt64(ArrayBufferWriter<byte> buffer, long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }

    private static void WriteAddress(IpPrefix prefix, Span<byte> address)
    {
        if (prefix.IsIpv6)
            BinaryPrimitives.WriteUInt128BigEndian(address, prefix.Bits);
        else
            BinaryPrimitives.WriteUInt32BigEndian(address, (uint)prefix.Bits);
    }

    private static int AddressBytes(int length) => (length + 7) / 8;
}
