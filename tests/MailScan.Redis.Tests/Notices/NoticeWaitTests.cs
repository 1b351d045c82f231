using MailScan.Redis.Notices;
using Microsoft.Extensions.Time.Testing;

namespace MailScan.Redis.Tests.Notices;

/// <summary>The wait between two looks at shared state: a notice, the slow check, or the time the state names.</summary>
public sealed class NoticeWaitTests
{
    private static readonly TimeSpan SlowCheck = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    /// <summary>A notice source over a board with a fixed slow check, as a Redis channel is.</summary>
    private sealed class Source : INoticeSource
    {
        public NoticeBoard Board { get; } = new();

        public TimeSpan SlowCheck => NoticeWaitTests.SlowCheck;

        public Notice Listen(string key) => Board.Listen(key);
    }

    /// <summary>Answers the looks in order; counts them.</summary>
    private sealed class Looks(params WaitStep<string>[] answers)
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public Action? During { get; init; }

        public Task<WaitStep<string>> LookAsync()
        {
            var n = Interlocked.Increment(ref _count);
            During?.Invoke();
            return Task.FromResult(answers[Math.Min(n, answers.Length) - 1]);
        }
    }

    [Fact]
    public async Task A_notice_for_the_key_ends_the_wait_without_the_clock_moving()
    {
        var (source, time) = (new Source(), new FakeTimeProvider());
        var looks = new Looks(WaitStep<string>.UntilNotice(), WaitStep<string>.Finished("slot"));

        var waiting = NoticeWait.UntilAsync(source, "192.0.2.25", looks.LookAsync, time, CancellationToken.None);
        source.Board.Deliver("192.0.2.26");
        time.Advance(SlowCheck - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, looks.Count);

        source.Board.Deliver("192.0.2.25");

        Assert.Equal("slot", await waiting.WaitAsync(Guard));
        Assert.Equal(2, looks.Count);
        Assert.Equal(0, source.Board.Keys);
    }

    [Fact]
    public async Task Without_a_notice_the_slow_check_looks_again()
    {
        var (source, time) = (new Source(), new FakeTimeProvider());
        var looks = new Looks(WaitStep<string>.UntilNotice(), WaitStep<string>.Finished("result"));

        var waiting = NoticeWait.UntilAsync(source, "probe", looks.LookAsync, time, CancellationToken.None);
        time.Advance(SlowCheck - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, looks.Count);
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal("result", await waiting.WaitAsync(Guard));
        Assert.Equal(2, looks.Count);
    }

    [Fact]
    public async Task A_notice_sent_while_the_look_runs_is_not_lost()
    {
        var (source, time) = (new Source(), new FakeTimeProvider());
        var looks = new Looks(WaitStep<string>.UntilNotice(), WaitStep<string>.Finished("slot")) { During = () => source.Board.Deliver("192.0.2.25") };

        var waiting = NoticeWait.UntilAsync(source, "192.0.2.25", looks.LookAsync, time, CancellationToken.None);

        Assert.Equal("slot", await waiting.WaitAsync(Guard));
        Assert.Equal(2, looks.Count);
    }

    [Fact]
    public async Task A_named_wait_is_slept_out_and_no_notice_cuts_it_short()
    {
        var (source, time) = (new Source(), new FakeTimeProvider());
        var spacing = TimeSpan.FromMilliseconds(500);
        var looks = new Looks(WaitStep<string>.After(spacing), WaitStep<string>.Finished("slot"));

        var waiting = NoticeWait.UntilAsync(source, "192.0.2.25", looks.LookAsync, time, CancellationToken.None);
        Assert.Equal(0, source.Board.Keys);
        source.Board.Deliver("192.0.2.25");
        time.Advance(spacing - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, looks.Count);
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal("slot", await waiting.WaitAsync(Guard));
        Assert.Equal(2, looks.Count);
    }

    [Fact]
    public async Task A_cancelled_wait_stops_and_stops_listening()
    {
        var (source, time) = (new Source(), new FakeTimeProvider());
        var looks = new Looks(WaitStep<string>.UntilNotice());
        using var stop = new CancellationTokenSource();

        var waiting = NoticeWait.UntilAsync(source, "probe", looks.LookAsync, time, stop.Token);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Guard));
        Assert.Equal(1, looks.Count);
        Assert.Equal(0, source.Board.Keys);
    }
}
