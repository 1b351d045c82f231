using Google.Protobuf;
using MailScan.Coordinator.CompactResults;
using MailScan.Tests.Shared;

namespace MailScan.Coordinator.Tests.CompactResults;

public sealed class ResultPrimerTests
{
    [Fact]
    public void Every_report_compressed_after_the_primer_decompresses_with_the_stored_primer()
    {
        var primer = ResultPrimer.Of(CapturedReports.All[0].ToByteArray());
        var stored = ResultPrimer.FromBytes(primer.ToBytes())!;

        Assert.True(primer.Matches(stored));
        foreach (var report in CapturedReports.All.Skip(1))
        {
            var bytes = report.ToByteArray();
            Assert.Equal(bytes, stored.Decompress(primer.Compress(bytes)));
        }
    }

    [Fact]
    public void A_report_like_the_primer_takes_far_fewer_bytes_after_it_than_alone()
    {
        var primer = ResultPrimer.Of(CapturedReports.All[0].ToByteArray());
        var alone = CapturedReports.All.Skip(1).Sum(r => ResultCompression.Compress(r.ToByteArray()).Length);
        var primed = CapturedReports.All.Skip(1).Sum(r => primer.Compress(r.ToByteArray()).Length);

        Assert.True(primed * 2 < alone, $"{primed} bytes primed, {alone} alone");
    }

    [Fact]
    public void A_stored_head_this_encoder_does_not_make_is_not_continued()
    {
        var primer = ResultPrimer.Of(CapturedReports.All[0].ToByteArray());
        var bytes = primer.ToBytes();
        bytes[^1] ^= 0xff;

        Assert.False(primer.Matches(ResultPrimer.FromBytes(bytes)!));
        Assert.Null(ResultPrimer.FromBytes([0, 0, 1]));
        Assert.Null(ResultPrimer.FromBytes([0x7f, 0, 0, 0, 1]));
    }
}
