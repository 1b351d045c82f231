using System.Buffers.Binary;
using MailScan.Dns.Wire;

namespace MailScan.Dns.Tests.Wire;

/// <summary>The query writer: header flags RD and CD, the DO bit and payload size of EDNS(0), the question as given.</summary>
public sealed class DnsQueryWriterTests
{
    private static readonly WireQuestion Question = new(DnsName.Parse("Mail.Example.NL"), DnsRecordType.MX);

    [Theory]
    [InlineData(true, true, 0x0110)]
    [InlineData(true, false, 0x0100)]
    [InlineData(false, true, 0x0010)]
    [InlineData(false, false, 0x0000)]
    public void Rd_and_cd_are_the_only_header_flags_set(bool recursion, bool checkingDisabled, int flags)
    {
        var query = DnsQueryWriter.Write(0xBEEF, Question, new DnsQueryFlags(recursion, checkingDisabled, DnssecOk: true, 1232));

        Assert.Equal(0xBEEF, BinaryPrimitives.ReadUInt16BigEndian(query));
        Assert.Equal(flags, BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(2)));
        var (parsed, _) = DnsWireReader.Read(query);
        Assert.False(parsed!.IsResponse);
        Assert.Equal(recursion, parsed.RecursionDesired);
        Assert.Equal(checkingDisabled, parsed.CheckingDisabled);
    }

    [Theory]
    [InlineData(true, 1232)]
    [InlineData(false, 4096)]
    public void The_opt_record_carries_the_payload_size_and_the_do_bit(bool dnssecOk, int size)
    {
        var query = DnsQueryWriter.Write(1, Question, new DnsQueryFlags(true, true, dnssecOk, (ushort)size));

        // The OPT record is the last 11 octets: root owner, TYPE 41, CLASS = payload size, TTL = ext-rcode, version, DO + Z, RDLENGTH 0.
        var opt = query.AsSpan(query.Length - 11);
        Assert.Equal(0, opt[0]);
        Assert.Equal(DnsRecordType.OPT, BinaryPrimitives.ReadUInt16BigEndian(opt[1..]));
        Assert.Equal(size, BinaryPrimitives.ReadUInt16BigEndian(opt[3..]));
        Assert.Equal(dnssecOk ? 0x00008000u : 0u, BinaryPrimitives.ReadUInt32BigEndian(opt[5..]));
        Assert.Equal(0, BinaryPrimitives.ReadUInt16BigEndian(opt[9..]));
        Assert.Equal(1, BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(10)));
    }

    [Fact]
    public void The_question_is_written_once_uncompressed_with_its_case()
    {
        var query = DnsQueryWriter.Write(1, Question, new DnsQueryFlags(true, true, true, 1232));

        Assert.Equal(1, BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(4)));
        Assert.Equal(0, BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(6)));
        Assert.Equal(0, BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(8)));
        Assert.Equal([.. "\u0004Mail\u0007Example\u0002NL\0"u8, 0, 15, 0, 1], query.AsSpan(12, 21).ToArray());
        var (parsed, error) = DnsWireReader.Read(query);
        Assert.Null(error);
        Assert.True(parsed!.HasEdns);
        Assert.Equal(Question, parsed.Question);
    }
}
