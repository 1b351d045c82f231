using Google.Protobuf;
using MailScan.Coordinator.CompactResults;
using MailScan.Tests.Shared;

namespace MailScan.Coordinator.Tests.CompactResults;

public sealed class ResultPrimerTests
{
    [Fact]
    public void Every_report_compressed_with_the_primer_decompresses_with_the_stored_primer()
    {
        var primer = ResultPrimer.Of(CapturedReports.All[0].ToByteArray());
        var stored = ResultPrimer.FromBytes(primer.ToBytes())!;

        foreach (var report in CapturedReports.All.Skip(1))
        {
            var bytes = report.ToByteArray();
            Assert.Equal(bytes, stored.Dictionary.Decompress(primer.Dictionary.Compress(bytes)));
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
    public void Reports_logged_as_Brotli_after_the_primer_still_decompress()
    {
        var primer = ResultPrimer.Of(CapturedReports.All[0].ToByteArray());
        var stored = ResultPrimer.FromBytes(primer.ToBytes())!;

        foreach (var report in CapturedReports.All.Skip(1))
        {
            var bytes = report.ToByteArray();
            Assert.Equal(bytes, stored.Decompress(primer.Compress(bytes)));
        }
    }

    [Fact]
    public void A_report_like_the_primer_takes_far_fewer_bytes_with_it_than_alone()
    {
        var primer = ResultPrimer.Of(CapturedReports.All[0].ToByteArray());
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
}
