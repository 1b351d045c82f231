using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace MailScan.Rpki;

/// <summary>
/// An IPv4 or IPv6 prefix with its host bits zero. The bits are the address as an integer
/// (IPv4 in the low 32 bits), so prefixes compare and mask without allocating.
/// </summary>
public readonly record struct IpPrefix
{
    private IpPrefix(bool isIpv6, UInt128 bits, byte length)
    {
        IsIpv6 = isIpv6;
        Bits = bits;
        Length = length;
    }

    /// <summary>IPv6 (128 bits) rather than IPv4 (32 bits).</summary>
    public bool IsIpv6 { get; }

    /// <summary>The network address as an integer, host bits zero.</summary>
    public UInt128 Bits { get; }

    /// <summary>The prefix length.</summary>
    public byte Length { get; }

    /// <summary>Address width of the family: 32 or 128.</summary>
    public int Width => IsIpv6 ? 128 : 32;

    /// <summary>The prefix of the given length that holds the address (host bits cleared).</summary>
    public static IpPrefix Of(IPAddress address, int length)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        var isIpv6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        var width = isIpv6 ? 128 : 32;
        if (length < 0 || length > width)
            throw new ArgumentOutOfRangeException(nameof(length), length, $"a prefix length is 0-{width}");
        return new IpPrefix(isIpv6, Mask(ToBits(address), length, width), (byte)length);
    }

    /// <summary>The single-address prefix (/32 or /128) of an address.</summary>
    public static IpPrefix Host(IPAddress address)
    {
        var v4 = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return Of(v4, v4.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32);
    }

    /// <summary>Builds a prefix from raw parts, clearing host bits; for decoders that checked the length.</summary>
    public static IpPrefix FromBits(bool isIpv6, UInt128 bits, int length)
    {
        var width = isIpv6 ? 128 : 32;
        if (length < 0 || length > width)
            throw new ArgumentOutOfRangeException(nameof(length), length, $"a prefix length is 0-{width}");
        if (!isIpv6 && bits > uint.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(bits), "an IPv4 address has 32 bits");
        return new IpPrefix(isIpv6, Mask(bits, length, width), (byte)length);
    }

    /// <summary>Parses "ADDRESS/LENGTH" (host bits must be zero). Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out IpPrefix prefix, out string? error)
    {
        prefix = default;
        var slash = text.IndexOf('/');
        if (slash < 0)
        {
            error = $"'{text}' is not a prefix (ADDRESS/LENGTH)";
            return false;
        }
        return TryCreate(text[..slash], text[(slash + 1)..], out prefix, out error);
    }

    /// <summary>Builds a prefix from an address text and a length text (pfx2as columns). Never throws.</summary>
    public static bool TryCreate(ReadOnlySpan<char> address, ReadOnlySpan<char> length, out IpPrefix prefix, out string? error)
    {
        prefix = default;
        if (!IPAddress.TryParse(address, out var ip) || address.Contains('%'))
        {
            error = $"'{address}' is not an IP address";
            return false;
        }
        var isIpv6 = ip.AddressFamily == AddressFamily.InterNetworkV6;
        var width = isIpv6 ? 128 : 32;
        if (!int.TryParse(length, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bits) || bits > width)
        {
            error = $"'{length}' is not a prefix length (0-{width})";
            return false;
        }
        var value = ToBits(ip);
        if (Mask(value, bits, width) != value)
        {
            error = $"{address}/{bits} has host bits set";
            return false;
        }
        prefix = new IpPrefix(isIpv6, value, (byte)bits);
        error = null;
        return true;
    }

    /// <summary>Parses "ADDRESS/LENGTH"; throws on bad input (for tests and constants).</summary>
    public static IpPrefix Parse(string text) =>
        TryParse(text, out var prefix, out var error) ? prefix : throw new FormatException(error);

    /// <summary>Whether this prefix covers the other: same family, not longer, and the other's first bits match.</summary>
    public bool Covers(IpPrefix other) =>
        IsIpv6 == other.IsIpv6 && Length <= other.Length && Mask(other.Bits, Length, Width) == Bits;

    /// <summary>Whether the address lies in this prefix.</summary>
    public bool Contains(IPAddress address) => Covers(Host(address));

    /// <summary>The network address.</summary>
    public IPAddress Address
    {
        get
        {
            if (!IsIpv6)
                return new IPAddress(BinaryPrimitives.ReverseEndianness((uint)Bits));
            Span<byte> bytes = stackalloc byte[16];
            BinaryPrimitives.WriteUInt128BigEndian(bytes, Bits);
            return new IPAddress(bytes);
        }
    }

    public override string ToString() => $"{Address}/{Length}";

    /// <summary>The address as an integer (IPv4 in the low 32 bits).</summary>
    public static UInt128 ToBits(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return written == 4 ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    /// <summary>Clears all but the first <paramref name="length"/> bits of a <paramref name="width"/>-bit value.</summary>
    public static UInt128 Mask(UInt128 bits, int length, int width)
    {
        if (length <= 0)
            return UInt128.Zero;
        var hostBits = width - length;
        return hostBits <= 0 ? bits : bits >> hostBits << hostBits;
    }
}
