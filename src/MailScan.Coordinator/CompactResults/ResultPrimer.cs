using System.Buffers.Binary;
using System.IO.Compression;

namespace MailScan.Coordinator.CompactResults;

/// <summary>
/// Brotli primed with one report of the batch: each report is compressed as the continuation of a
/// stream that began with the primer, so it refers back to everything it shares with it (sub-test
/// ids, labels, reasons, the shape of the details) instead of spelling it out again. Alone, a
/// compact report compresses to several KB; after the primer, to about one. This is how a preset
/// dictionary works, with .NET's own Brotli stream, which takes none.
/// <para>
/// The reader feeds the primer's compressed bytes (<see cref="Head"/>, kept with the primer) and
/// then the stored tail to one decoder. A writer uses the primer only when its encoder makes the
/// same head (<see cref="Matches"/>): another Brotli version could make other bytes, and its tails
/// would then not continue the head a reader has.
/// </para>
/// </summary>
public sealed class ResultPrimer
{
    private const int Quality = 5;

    private ResultPrimer(byte[] primer, byte[] head)
    {
        Primer = primer;
        Head = head;
    }

    public byte[] Primer { get; }

    /// <summary>The primer compressed up to a flush: the bytes every tail continues.</summary>
    public byte[] Head { get; }

    /// <summary>A primer of these bytes, with the head this process's encoder makes.</summary>
    public static ResultPrimer Of(byte[] primer)
    {
        using var output = new MemoryStream();
        using var brotli = Encoder(output);
        brotli.Write(primer);
        brotli.Flush();
        return new ResultPrimer(primer, output.ToArray());
    }

    /// <summary>The stored form: the primer's length, the primer, the head.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[4 + Primer.Length + Head.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, Primer.Length);
        Primer.CopyTo(bytes, 4);
        Head.CopyTo(bytes, 4 + Primer.Length);
        return bytes;
    }

    /// <summary>A stored primer as it was written, or null when the bytes are not one.</summary>
    public static ResultPrimer? FromBytes(byte[] bytes)
    {
        if (bytes.Length < 4)
            return null;
        var length = BinaryPrimitives.ReadInt32BigEndian(bytes);
        return length < 0 || length > bytes.Length - 4 ? null : new ResultPrimer(bytes[4..(4 + length)], bytes[(4 + length)..]);
    }

    /// <summary>Whether this process's encoder continues the stored head, so that its tails decode after it.</summary>
    public bool Matches(ResultPrimer stored) => Head.AsSpan().SequenceEqual(stored.Head);

    /// <summary>The compressed bytes of <paramref name="data"/> after the head.</summary>
    public byte[] Compress(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream();
        using (var brotli = Encoder(output))
        {
            brotli.Write(Primer);
            brotli.Flush();
            if (!output.GetBuffer().AsSpan(0, (int)output.Length).SequenceEqual(Head))
                throw new InvalidOperationException("the encoder did not make this primer's head");
            brotli.Write(data);
        }
        return output.GetBuffer().AsSpan(Head.Length, (int)output.Length - Head.Length).ToArray();
    }

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

    private static BrotliStream Encoder(Stream output) =>
        new(output, new BrotliCompressionOptions { Quality = Quality }, leaveOpen: true);
}
