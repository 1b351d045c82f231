using System.Buffers.Binary;
using MailScan.Parsing;

namespace MailScan.Rpki;

/// <summary>Reads a serialised VRP set front to back without ever reading past its end (for <see cref="VrpSetCodec"/>).</summary>
internal ref struct VrpSetReader(ReadOnlySpan<byte> bytes)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _position;

    public readonly int Remaining => _bytes.Length - _position;

    /// <summary>The next <paramref name="count"/> bytes, or false (and nothing consumed) when fewer are left.</summary>
    public bool TryRead(int count, out ReadOnlySpan<byte> read)
    {
        if (count > Remaining)
        {
            read = default;
            return false;
        }
        read = _bytes.Slice(_position, count);
        _position += count;
        return true;
    }

    public bool TryReadUInt32(out uint value)
    {
        value = TryRead(4, out var raw) ? BinaryPrimitives.ReadUInt32BigEndian(raw) : 0;
        return !raw.IsEmpty;
    }

    /// <summary>An error at the current position.</summary>
    public readonly Parsed<VrpSet, RpkiParseError> Fail(string reason) => Parsed<VrpSet, RpkiParseError>.Fail(new RpkiParseError($"byte {_position}", reason));
}
