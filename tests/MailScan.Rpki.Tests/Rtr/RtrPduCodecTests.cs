using MailScan.Rpki;
using MailScan.Rpki.Rtr;

namespace MailScan.Rpki.Tests.Rtr;

/// <summary>The PDU layouts of RFC 8210 §5, byte for byte, and every way a PDU can be wrong.</summary>
public sealed class RtrPduCodecTests
{
    private static RtrPdu Read(string hex)
    {
        var status = RtrPduCodec.TryRead(Convert.FromHexString(hex.Replace(" ", "")), out var pdu, out var consumed, out var error);
        Assert.True(status == RtrReadStatus.Complete, error?.ToString());
        Assert.Equal(hex.Replace(" ", "").Length / 2, consumed);
        return pdu!;
    }

    [Fact]
    public void An_ipv4_prefix_pdu_is_read_as_the_rfc_lays_it_out()
    {
        // version 1, type 4, zero, length 20, flags announce, /24 max 24, 192.0.2.0, AS64496
        var pdu = Read("01 04 0000 00000014 01 18 18 00 C0000200 0000FBF0");
        Assert.True(pdu.Announce);
        Assert.Equal("192.0.2.0/24-24 AS64496", pdu.Vrp.ToString());
    }

    [Fact]
    public void An_ipv6_prefix_withdrawal_is_read()
    {
        var pdu = Read("01 06 0000 00000020 00 20 30 00 20010DB8000000000000000000000000 0000FBF1");
        Assert.False(pdu.Announce);
        Assert.Equal("2001:db8::/32-48 AS64497", pdu.Vrp.ToString());
    }

    [Fact]
    public void End_of_data_carries_the_timers_in_version_1_only()
    {
        var v1 = Read("01 07 1234 00000018 00000007 00000E10 00000258 00001C20");
        Assert.Equal((0x1234, 7u), (v1.SessionId, v1.Serial));
        Assert.Equal(RtrTimers.Default, v1.Timers);
        var v0 = Read("00 07 1234 0000000C 00000007");
        Assert.Null(v0.Timers);
    }

    [Fact]
    public void An_error_report_gives_its_code_text_and_the_pdu_in_error()
    {
        var pdu = Read("01 0A 0002 00000021 00000008 0102000000000008 00000009 6E6F20646174612E2E");
        Assert.Equal(RtrErrorCode.NoDataAvailable, pdu.ErrorCode);
        Assert.Equal("no data..", pdu.ErrorText);
        Assert.Equal(8, pdu.ErroneousPdu.Length);
    }

    [Fact]
    public void Every_pdu_we_write_reads_back_the_same()
    {
        RtrPdu[] pdus =
        [
            new(1, RtrPduType.SerialNotify) { SessionId = 9, Serial = 4 },
            new(1, RtrPduType.SerialQuery) { SessionId = 9, Serial = uint.MaxValue },
            new(0, RtrPduType.ResetQuery),
            new(1, RtrPduType.CacheResponse) { SessionId = 65535 },
            new(1, RtrPduType.Ipv4Prefix) { Announce = true, Vrp = new Vrp(IpPrefix.Parse("0.0.0.0/0"), 32, uint.MaxValue) },
            new(0, RtrPduType.Ipv6Prefix) { Vrp = new Vrp(IpPrefix.Parse("2001:db8:ff00::/40"), 128, 0) },
            new(1, RtrPduType.EndOfData) { SessionId = 3, Serial = 2, Timers = new RtrTimers(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(600)) },
            new(0, RtrPduType.EndOfData) { SessionId = 3, Serial = 2 },
            new(1, RtrPduType.CacheReset),
            new(1, RtrPduType.ErrorReport) { ErrorCode = RtrErrorCode.DuplicateAnnouncement, ErrorText = "twice ✓", ErroneousPdu = [1, 2, 3] },
        ];
        foreach (var pdu in pdus)
        {
            var back = Read(Convert.ToHexString(RtrPduCodec.Write(pdu)));
            Assert.Equal(pdu with { ErroneousPdu = [] }, back with { ErroneousPdu = [] });
            Assert.Equal(pdu.ErroneousPdu, back.ErroneousPdu);
        }
    }

    [Theory]
    [InlineData("01 04 0000 000000", RtrReadStatus.NeedMore, null)]
    [InlineData("01 04 0000 00000014 01 18 18 00 C0", RtrReadStatus.NeedMore, null)]
    [InlineData("02 0B 0000 00000008", RtrReadStatus.Error, RtrErrorCode.UnsupportedProtocolVersion)]
    [InlineData("01 05 0000 00000008", RtrReadStatus.Error, RtrErrorCode.UnsupportedPduType)]
    [InlineData("00 09 0000 00000020 0000000000000000000000000000000000000000 00000000", RtrReadStatus.Error, RtrErrorCode.UnsupportedPduType)]
    [InlineData("01 04 0000 00000007", RtrReadStatus.Error, RtrErrorCode.CorruptData)]
    [InlineData("01 04 0000 7FFFFFFF", RtrReadStatus.Error, RtrErrorCode.CorruptData)]
    [InlineData("01 04 0000 00000015 01 18 18 00 C0000200 0000FBF0 00", RtrReadStatus.Error, RtrErrorCode.CorruptData)]
    [InlineData("01 04 0000 00000014 01 21 21 00 C0000200 0000FBF0", RtrReadStatus.Error, RtrErrorCode.CorruptData)]
    [InlineData("01 04 0000 00000014 01 18 10 00 C0000200 0000FBF0", RtrReadStatus.Error, RtrErrorCode.CorruptData)]
    [InlineData("01 04 0000 00000014 01 18 18 00 C0000201 0000FBF0", RtrReadStatus.Error, RtrErrorCode.CorruptData)]
    [InlineData("01 07 0001 0000000C 00000001", RtrReadStatus.Error, RtrErrorCode.CorruptData)]
    [InlineData("01 07 0001 00000018 00000001 00000000 00000258 00001C20", RtrReadStatus.Error, RtrErrorCode.CorruptData)]
    [InlineData("01 0A 0002 00000010 000000FF 00000000", RtrReadStatus.Error, RtrErrorCode.CorruptData)]
    [InlineData("01 0A 0002 00000010 00000000 00000001", RtrReadStatus.Error, RtrErrorCode.CorruptData)]
    [InlineData("01 02 0000 0000000C 00000000", RtrReadStatus.Error, RtrErrorCode.CorruptData)]
    public void Bad_or_partial_bytes_give_need_more_or_an_error_code(string hex, RtrReadStatus expected, RtrErrorCode? code)
    {
        var status = RtrPduCodec.TryRead(Convert.FromHexString(hex.Replace(" ", "")), out var pdu, out var consumed, out var error);
        Assert.Equal(expected, status);
        Assert.Equal(code, error?.Code);
        Assert.Equal(0, consumed);
        Assert.Null(pdu);
        if (error is not null)
            Assert.False(string.IsNullOrEmpty(error.Reason));
    }
}
