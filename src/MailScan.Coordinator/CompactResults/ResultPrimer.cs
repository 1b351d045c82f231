using System.Buffers.Binary;
using System.IO.Compression;

namespace MailScan.Coordinator.CompactResults;

/// <summary>
/// The first reports of a batch, which every later report is compressed with: the reports of a
/// batch share their sub-test ids, labels, reasons and the shape of their details, and a domain's
/// report is most like that of another domain on the same hosters. Alone a compact report takes
/// about 6 KB; with one report as dictionary about 2.3 KB, with 32 about 1 KB. Reports are written
/// as Zstandard frames with the primer as their dictionary (<see cref="Dictionary"/>, log field 'z').
/// Stored (<see cref="ToStoredBytes"/>) as a marker, the primer's length and the primer compressed.
/// <para>
/// Logs written before that hold Brotli continuations after a one-report primer (field 'p'): each
/// report compressed as the continuation of a stream that began with the primer, which made the
/// coordinator compress the primer again for every report. Such a primer is stored as its length,
/// itself and its compressed bytes (<see cref="Head"/>); the reader feeds the head and then the
/// stored tail to one decoder. Nothing writes that form any more: its reader is tested on bytes
/// recorded from the writer it had (tests/MailScan.Coordinator.Tests/CompactResults/BrotliLog).
/// </para>
/// </summary>
public sealed class ResultPrimer
{
    /// <summary>Starts a stored Zstandard primer; read as a Brotli primer's length it is larger than any stored value, so older readers take it for none.</summary>
    private static ReadOnlySpan<byte> Marker => "MSZ1"u8;

    private readonly Lazy<PrimerDictionary> _dictionary;

    private ResultPrimer(byte[] primer, byte[] head)
    {
        Primer = primer;
        Head = head;
        _dictionary = new(() => new PrimerDictionary(primer));
    }

    public byte[] Primer { get; }

    /// <summary>The primer as the dictionary the batch's reports are compressed with.</summary>
    public PrimerDictionary Dictionary => _dictionary.Value;

    /// <summary>The primer compressed up to a flush: the bytes every tail continues.</summary>
    public byte[] Head { get; }

    /// <summary>A primer of these reports, one after the other (no Brotli head: it primes Zstandard only).</summary>
    public static ResultPrimer OfReports(IEnumerable<byte[]> reports) => new([.. reports.SelectMany(r => r)], []);

    /// <summary>The stored form of a Zstandard primer: the marker, the primer's length, the primer compressed.</summary>
    public byte[] ToStoredBytes()
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, Primer.Length);
        return [.. Marker, .. length, .. ResultCompression.Compress(Primer)];
    }

    /// <summary>A stored primer as it was written, or null when the bytes are not one.</summary>
    public static ResultPrimer? FromBytes(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith(Marker))
        {
            if (bytes.Length < Marker.Length + 4)
                return null;
            try
            {
                // A torn value decompresses short rather than failing: its length says so.
                var primer = ResultCompression.Decompress(bytes.AsSpan(Marker.Length + 4));
                return primer.Length == BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(Marker.Length)) ? new ResultPrimer(primer, []) : null;
            }
            catch (InvalidDataException)
            {
                return null;
            }
        }
        if (bytes.Length < 4)
            return null;
        var length = BinaryPrimitives.ReadInt32BigEndian(bytes);
        return length < 0 || length > bytes.Length - 4 ? null : new ResultPrimer(bytes[4..(4 + length)], bytes[(4 + length)..]);
    }

    /// <summary>A report of a log written before <see cref="Dictionary"/> (field 'p'): its Brotli tail after the head.</summary>
    public byte[] Decompress(ReadOnlySpan<byte> tail)
    {
        var stream = new byte[Head.Length + tail.Length];
        Head.CopyTo(stream, 0);
        tail.CopyTo(stream.AsSpan(Head.Length));
        using var input = new MemoryStream(stream, writable: false);
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream(tail.Length * 8 + Primer.Length);
        brotli.CopyTo(output);
        if (output.Length < Primer.Length)
            throw new InvalidDataException("a primed report shorter than its primer");
        return output.GetBuffer().AsSpan(Primer.Length, (int)output.Length - Primer.Length).ToArray();
    }
}
