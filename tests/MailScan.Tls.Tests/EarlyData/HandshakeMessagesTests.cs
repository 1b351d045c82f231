using MailScan.Tls.EarlyData;

namespace MailScan.Tls.Tests.EarlyData;

public sealed class HandshakeMessagesTests
{
    [Fact]
    public void A_message_split_across_records_comes_out_whole_once_its_last_byte_arrived()
    {
        var messages = new HandshakeMessages();
        messages.Add([4, 0, 0, 3, 0xAA]);
        Assert.True(messages.TryNext(out var none));
        Assert.Null(none);
        messages.Add([0xBB, 0xCC]);
        Assert.True(messages.TryNext(out var message));
        Assert.Equal([4, 0, 0, 3, 0xAA, 0xBB, 0xCC], message);
        Assert.True(messages.Empty);
    }

    [Fact]
    public void Two_messages_in_one_record_come_out_one_after_the_other()
    {
        var messages = new HandshakeMessages();
        messages.Add([4, 0, 0, 1, 0x01, 24, 0, 0, 1, 0x00]);
        Assert.True(messages.TryNext(out var first));
        Assert.True(messages.TryNext(out var second));
        Assert.Equal(4, first![0]);
        Assert.Equal(24, second![0]);
    }

    [Fact]
    public void A_length_larger_than_any_real_message_is_refused()
    {
        var messages = new HandshakeMessages();
        messages.Add([4, 0xFF, 0xFF, 0xFF]);
        Assert.False(messages.TryNext(out _));
    }
}
