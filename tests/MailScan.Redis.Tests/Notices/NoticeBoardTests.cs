using MailScan.Redis.Notices;

namespace MailScan.Redis.Tests.Notices;

public sealed class NoticeBoardTests
{
    [Fact]
    public void A_notice_wakes_every_listener_of_its_key_and_no_other()
    {
        var board = new NoticeBoard();
        using var first = board.Listen("192.0.2.25");
        using var second = board.Listen("192.0.2.25");
        using var other = board.Listen("192.0.2.26");

        board.Deliver("192.0.2.25");

        Assert.True(first.Arrived.IsCompleted);
        Assert.True(second.Arrived.IsCompleted);
        Assert.False(other.Arrived.IsCompleted);
    }

    [Fact]
    public void A_notice_before_listening_is_not_kept_for_a_later_listener()
    {
        var board = new NoticeBoard();
        board.Deliver("192.0.2.25");

        using var late = board.Listen("192.0.2.25");

        Assert.False(late.Arrived.IsCompleted);
    }

    [Fact]
    public void Keys_nobody_listens_for_are_forgotten()
    {
        var board = new NoticeBoard();
        var woken = board.Listen("a");
        var left = board.Listen("b");
        Assert.Equal(2, board.Keys);

        board.Deliver("a");
        left.Dispose();
        woken.Dispose();

        Assert.Equal(0, board.Keys);
    }
}
