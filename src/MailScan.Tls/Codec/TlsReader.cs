using System.Buffers.Binary;

namespace MailScan.Tls.Codec;

/// <summary>Reads big-endian TLS wire fields from a span; every read says whether the bytes were there.</summary>
internal ref struct TlsReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _origin;

    public TlsReader(ReadOnlySpan<byte> data, int origin = 0)
    {
        _data = data;
        _origin = origin;
        Position = origin;
    }

    /// <summary>Position in the outer input (for error messages).</summary>
    public int Position { get; private set; }

    private readonly int Offset => Position - _origin;

    public readonly int Remaining => _data.Length - Offset;

    public bool TryU8(out byte value)
    {
        value = 0;
        if (Remaining < 1)
            return false;
        value = _data[Offset];
        Position++;
        return true;
    }

    public bool TryU16(out ushort value)
    {
        value = 0;
        if (Remaining < 2)
            return false;
        value = BinaryPrimitives.ReadUInt16BigEndian(_data[Offset..]);
        Position += 2;
        return true;
    }

    public bool TryU24(out int value)
    {
        value = 0;
        if (Remaining < 3)
            return false;
        value = (_data[Offset] << 16) | (_data[Offset + 1] << 8) | _data[Offset + 2];
        Position += 3;
        return true;
    }

    public bool TryU32(out uint value)
    {
        value = 0;
        if (Remaining < 4)
            return false;
        value = BinaryPrimitives.ReadUInt32BigEndian(_data[Offset..]);
        Position += 4;
        return true;
    }

    public bool TryBytes(int count, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (count < 0 || Remaining < count)
            return false;
        value = _data.Slice(Offset, count);
        Position += count;
        return true;
    }

    /// <summary>A vector with a one-byte length prefix.</summary>
    public bool TryVector8(out ReadOnlySpan<byte> value)
    {
        value = default;
        return TryU8(out var length) && TryBytes(length, out value);
    }

    /// <summary>A vector with a two-byte length prefix.</summary>
    public bool TryVector16(out ReadOnlySpan<byte> value)
    {
        value = default;
        return TryU16(out var length) && TryBytes(length, out value);
    }
}
