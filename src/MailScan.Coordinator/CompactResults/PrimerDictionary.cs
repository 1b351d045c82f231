using System.Collections.Concurrent;
using ZstdSharp;
using ZstdSharp.Unsafe;

namespace MailScan.Coordinator.CompactResults;

/// <summary>
/// A batch's primer as a Zstandard dictionary (raw content: the primer's bytes as they are), so a
/// report refers back to everything it shares with the primer without the primer being compressed
/// again for it: the dictionary is digested once per context, and each report then costs only its
/// own bytes. Every Zstandard decoder reads the frames with the same primer, whichever encoder
/// wrote them, so coordinators need not agree on anything but the primer's bytes.
/// Contexts are not thread-safe: each call takes one from a small pool and gives it back.
/// </summary>
public sealed class PrimerDictionary(byte[] primer)
{
    /// <summary>Zstandard's level: 6 takes ~10 % fewer bytes than 3 on the lab's reports, and higher levels about as many (docs/BENCHMARKS.md).</summary>
    private const int Level = 6;

    /// <summary>A report is far smaller than this; a corrupt frame must not make us allocate more.</summary>
    private const int MaxReportBytes = 64 * 1024 * 1024;

    /// <summary>Contexts kept per primer: each holds the digested dictionary, a few MB for a primer of 32 reports.</summary>
    private const int MaxPooled = 2;

    private readonly ConcurrentBag<Compressor> _compressors = [];
    private readonly ConcurrentBag<Decompressor> _decompressors = [];

    public byte[] Primer { get; } = primer;

    /// <summary>One Zstandard frame of <paramref name="data"/>, compressed with the primer as its dictionary.</summary>
    public byte[] Compress(ReadOnlySpan<byte> data)
    {
        if (!_compressors.TryTake(out var compressor))
        {
            compressor = new Compressor(Level);
            // A frame read with another primer would decode to other bytes: its checksum (4 bytes) says so.
            compressor.SetParameter(ZSTD_cParameter.ZSTD_c_checksumFlag, 1);
            compressor.LoadDictionary(Primer);
        }
        try
        {
            return compressor.Wrap(data).ToArray();
        }
        finally
        {
            Return(_compressors, compressor);
        }
    }

    /// <summary>The bytes of a frame <see cref="Compress"/> made with the same primer.</summary>
    public byte[] Decompress(ReadOnlySpan<byte> frame)
    {
        if (!_decompressors.TryTake(out var decompressor))
        {
            decompressor = new Decompressor();
            decompressor.LoadDictionary(Primer);
        }
        try
        {
            return decompressor.Unwrap(frame, MaxReportBytes).ToArray();
        }
        finally
        {
            Return(_decompressors, decompressor);
        }
    }

    private static void Return<T>(ConcurrentBag<T> pool, T context) where T : IDisposable
    {
        if (pool.Count < MaxPooled)
            pool.Add(context);
        else
            context.Dispose();
    }
}
