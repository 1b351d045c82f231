using MailScan.Redis.Notices;
using Microsoft.Extensions.Time.Testing;

namespace MailScan.Redis.Tests.Notices;

/// <summary>Connections of one process waiting for the cluster's rate ask one at a time, when the start they expect has come.</summary>
public sealed class RateTurnsTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <summary>The cluster's rate as Redis keeps it: a start every interval, on the fake clock; counts the asks.</summary>
    private sealed class Rate(FakeTimeProvider time)
    {
        private readonly Lock _lock = new();
        private DateTimeOffset _next = time.GetUtcNow();
        private int _asks;

        public int Asks => Volatile.Read(ref _asks);

        public Task<long> AskAsync()
        {
            Interlocked.Increment(ref _asks);
            lock (_lock)
            {
                var now = time.GetUtcNow();
                if (_next > now)
                    return Task.FromResult(-1 - (long)Math.Ceiling((_next - now).TotalMilliseconds));
                _next = now + Interval;
                return Task.FromResult(0L);
            }
        }
    }

    private static async Task Until(Func<bool> condition)
    {
        for (var i = 0; i < 3000 && !condition(); i++)
            await Task.Delay(10);
        Assert.True(condition());
    }

    [Fact]
    public async Task Waiters_for_the_rate_ask_once_per_start_not_once_each_per_start()
    {
        var time = new FakeTimeProvider();
        var rate = new Rate(time);
        var turns = new RateTurns(Interval, time);

        var first = await turns.AskAsync(rate.AskAsync, CancellationToken.None);
        var waiting = Enumerable.Range(0, 4).Select(_ => turns.AskAsync(rate.AskAsync, CancellationToken.None)).ToList();
        Assert.Equal(0, first);
        Assert.Equal(5, rate.Asks);

        for (var started = 1; started <= 4; started++)
        {
            // Nothing asks until the next start is due; then one waiter asks and starts.
            time.Advance(Interval - TimeSpan.FromMilliseconds(1));
            Assert.Equal(4 + started, rate.Asks);
            time.Advance(TimeSpan.FromMilliseconds(1));
            await Until(() => waiting.Count(w => w.IsCompleted) == started);
            Assert.Equal(5 + started, rate.Asks);
        }
        Assert.All(waiting, w => Assert.Equal(0, w.Result));
    }

    [Fact]
    public async Task An_answer_other_than_the_rate_is_handed_back_at_once()
    {
        var turns = new RateTurns(Interval, new FakeTimeProvider());

        Assert.Equal(-1, await turns.AskAsync(() => Task.FromResult(-1L), CancellationToken.None));
        Assert.Equal(500, await turns.AskAsync(() => Task.FromResult(500L), CancellationToken.None));
    }
}
