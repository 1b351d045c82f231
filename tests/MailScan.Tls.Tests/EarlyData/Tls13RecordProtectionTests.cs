using MailScan.Tls.EarlyData;

namespace MailScan.Tls.Tests.EarlyData;

public sealed class Tls13RecordProtectionTests
{
    private static readonly byte[] Secret = Enumerable.Range(1, 48).Select(i => (byte)i).ToArray();

    public static TheoryData<ushort> Suites() => [.. Tls13Suite.All.Select(s => s.Code)];

    [Theory]
    [MemberData(nameof(Suites))]
    public void A_sealed_record_opens_with_the_same_traffic_secret_to_its_inner_type_and_content(ushort code)
    {
        var suite = Tls13Suite.Of(code)!;
        var secret = Secret[..suite.HashLength];
        using var sender = new Tls13RecordProtection(suite, secret);
        using var receiver = new Tls13RecordProtection(suite, secret);
        foreach (var text in new[] { "EHLO mailscan.test\r\n", "QUIT\r\n" }) // two records: the sequence number advances on both sides
        {
            var record = sender.Seal(23, System.Text.Encoding.ASCII.GetBytes(text));
            Assert.Equal([23, 3, 3], record[..3]);
            var opened = receiver.Open(record.AsSpan(0, 5), record.AsSpan(5));
            Assert.NotNull(opened);
            Assert.Equal(23, opened.Value.Type);
            Assert.Equal(text, System.Text.Encoding.ASCII.GetString(opened.Value.Content));
        }
    }

    [Fact]
    public void A_record_changed_in_one_bit_does_not_open()
    {
        var suite = Tls13Suite.All[0];
        using var sender = new Tls13RecordProtection(suite, Secret[..32]);
        using var receiver = new Tls13RecordProtection(suite, Secret[..32]);
        var record = sender.Seal(22, [4, 0, 0, 0]);
        record[^1] ^= 1;
        Assert.Null(receiver.Open(record.AsSpan(0, 5), record.AsSpan(5)));
    }

    [Fact]
    public void Another_traffic_secret_does_not_open_the_record()
    {
        var suite = Tls13Suite.All[0];
        using var sender = new Tls13RecordProtection(suite, Secret[..32]);
        using var receiver = new Tls13RecordProtection(suite, Secret[16..48]);
        var record = sender.Seal(22, [4, 0, 0, 0]);
        Assert.Null(receiver.Open(record.AsSpan(0, 5), record.AsSpan(5)));
    }
}
