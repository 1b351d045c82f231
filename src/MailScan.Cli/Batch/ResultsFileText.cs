using System.IO.Compression;

namespace MailScan.Cli.Batch;

/// <summary>
/// The bytes of a JSONL results file: plain text (full evidence, and every file written before
/// compact results) or gzip (compact results, the default). Readers tell them apart by gzip's magic
/// bytes, not by the file's name, so `zcat` reads a compact file and every `mailscan` reader reads both.
/// </summary>
internal static class ResultsFileText
{
    /// <summary>A reader of the file's text, decompressing when the file is gzip.</summary>
    public static StreamReader OpenReader(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        Stream text = IsGzip(file) ? new GZipStream(file, CompressionMode.Decompress) : file;
        return new StreamReader(text, ResultFile.Utf8, detectEncodingFromByteOrderMarks: true);
    }

    /// <summary>Whether an existing file is gzip; false for an empty or missing one.</summary>
    public static bool IsGzip(string path)
    {
        if (!File.Exists(path))
            return false;
        using var file = File.OpenRead(path);
        return IsGzip(file);
    }

    private static bool IsGzip(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        var gzip = file.Read(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        file.Position = 0;
        return gzip;
    }
}
