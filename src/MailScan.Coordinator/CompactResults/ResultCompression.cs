using System.IO.Compression;

namespace MailScan.Coordinator.CompactResults;

/// <summary>
/// Brotli for what the result log keeps in Redis (a compact report, a host's evidence): .NET's own
/// encoder, at a quality that costs well under a millisecond per report.
/// </summary>
public static class ResultCompression
{
    private const int Quality = 5;
    private const int Window = 22;

    public static byte[] Compress(ReadOnlySpan<byte> data)
    {
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(data.Length)];
        if (!BrotliEncoder.TryCompress(data, buffer, out var written, Quality, Window))
            throw new InvalidOperationException("Brotli could not compress into its own bound");
        return buffer.AsSpan(0, written).ToArray();
    }

    public static byte[] Decompress(ReadOnlySpan<byte> data)
    {
        using var input = new MemoryStream(data.ToArray(), writable: false);
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream(data.Length * 4);
        brotli.CopyTo(output);
        return output.ToArray();
    }
}
