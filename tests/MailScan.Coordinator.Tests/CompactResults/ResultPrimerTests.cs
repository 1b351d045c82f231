using System.Security.Cryptography;
using Google.Protobuf;
using MailScan.Contracts.V1;
using MailScan.Coordinator.CompactResults;
using MailScan.Tests.Shared;

namespace MailScan.Coordinator.Tests.CompactResults;

public sealed class ResultPrimerTests
{
    [Fact]
    public void A_primer_stored_in_the_Brotli_form_serves_as_the_dictionary_of_later_reports()
    {
        var writing = ResultPrimer.FromBytes(Recorded("primer.bin"))!;
        var reading = ResultPrimer.FromBytes(Recorded("primer.bin"))!;

        foreach (var report in CapturedReports.All.Skip(1))
        {
            var bytes = report.ToByteArray();
            Assert.Equal(bytes, reading.Dictionary.Decompress(writing.Dictionary.Compress(bytes)));
        }
    }

    [Fact]
    public void A_primer_of_several_reports_is_stored_compressed_and_read_back_as_made()
    {
        var reports = CapturedReports.All.Take(4).Select(r => r.ToByteArray()).ToList();
        var primer = ResultPrimer.OfReports(reports);
        var stored = primer.ToStoredBytes();
        var read = ResultPrimer.FromBytes(stored)!;

        Assert.Equal(reports.Sum(r => r.Length), read.Primer.Length);
        Assert.True(stored.Length * 2 < read.Primer.Length, $"{stored.Length} bytes stored for a primer of {read.Primer.Length}");
        Assert.Empty(read.Head);
        var report = CapturedReports.All[5].ToByteArray();
        Assert.Equal(report, read.Dictionary.Decompress(primer.Dictionary.Compress(report)));
        Assert.Null(ResultPrimer.FromBytes([.. stored.AsSpan(0, stored.Length / 2)]));
    }

    [Fact]
    public void More_reports_in_the_primer_take_fewer_bytes_per_report()
    {
        var later = CapturedReports.All.Skip(8).Select(r => r.ToByteArray()).ToList();
        var one = ResultPrimer.OfReports(CapturedReports.All.Take(1).Select(r => r.ToByteArray()));
        var eight = ResultPrimer.OfReports(CapturedReports.All.Take(8).Select(r => r.ToByteArray()));

        var withOne = later.Sum(r => one.Dictionary.Compress(r).Length);
        var withEight = later.Sum(r => eight.Dictionary.Compress(r).Length);

        Assert.True(withEight < withOne, $"{withEight} bytes with eight reports, {withOne} with one");
    }

    [Fact]
    public void A_recorded_primer_of_the_Brotli_form_is_read_as_it_was_stored()
    {
        var stored = Recorded("primer.bin");
        var primer = ResultPrimer.FromBytes(stored)!;

        var (domain, length, sha256) = Manifest()["primer.bin"];
        Assert.Equal(length, primer.Primer.Length);
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(primer.Primer)));
        Assert.Equal(domain, DomainReport.Parser.ParseFrom(primer.Primer).Domain);
        Assert.Equal(stored.Length - 4 - length, primer.Head.Length);
        Assert.NotEmpty(primer.Head);
        Assert.Null(ResultPrimer.FromBytes(stored[..(4 + length - 1)]));
    }

    [Fact]
    public void Reports_logged_as_Brotli_after_the_primer_still_decompress()
    {
        var primer = ResultPrimer.FromBytes(Recorded("primer.bin"))!;
        var tails = Manifest().Where(m => m.Key.EndsWith(".tail", StringComparison.Ordinal)).ToList();

        Assert.Equal(3, tails.Count);
        foreach (var (file, (domain, length, sha256)) in tails)
        {
            var report = primer.Decompress(Recorded(file));
            Assert.Equal(length, report.Length);
            Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(report)));
            Assert.Equal(domain, DomainReport.Parser.ParseFrom(report).Domain);
        }
    }

    [Fact]
    public void A_report_like_the_primer_takes_far_fewer_bytes_with_it_than_alone()
    {
        var primer = ResultPrimer.OfReports([CapturedReports.All[0].ToByteArray()]);
        var alone = CapturedReports.All.Skip(1).Sum(r => ResultCompression.Compress(r.ToByteArray()).Length);
        var primed = CapturedReports.All.Skip(1).Sum(r => primer.Dictionary.Compress(r.ToByteArray()).Length);

        Assert.True(primed * 2 < alone, $"{primed} bytes with the primer, {alone} alone");
    }

    [Fact]
    public void A_frame_of_another_primer_or_torn_bytes_is_refused()
    {
        var bytes = CapturedReports.All[1].ToByteArray();
        var frame = new PrimerDictionary(CapturedReports.All[0].ToByteArray()).Compress(bytes);

        Assert.ThrowsAny<Exception>(() => new PrimerDictionary(CapturedReports.All[2].ToByteArray()).Decompress(frame));
        Assert.ThrowsAny<Exception>(() => new PrimerDictionary(CapturedReports.All[0].ToByteArray()).Decompress(frame.AsSpan(0, frame.Length / 2)));
        Assert.Null(ResultPrimer.FromBytes([0, 0, 1]));
        Assert.Null(ResultPrimer.FromBytes([0x7f, 0, 0, 0, 1]));
    }

    /// <summary>Bytes of a result log written in the Brotli form, recorded once (BrotliLog/README.md).</summary>
    private static byte[] Recorded(string file) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "BrotliLog", file));

    /// <summary>What each recorded file holds: the report's domain, its length and its SHA-256.</summary>
    private static Dictionary<string, (string Domain, int Length, string Sha256)> Manifest() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "BrotliLog", "reports.txt"))
            .Where(line => line.Length > 0)
            .Select(line => line.Split(' '))
            .ToDictionary(f => f[0], f => (f[1], int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture), f[3]), StringComparer.Ordinal);
}
