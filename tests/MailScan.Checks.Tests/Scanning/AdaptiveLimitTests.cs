using MailScan.Checks.Scanning;
using Microsoft.Extensions.Time.Testing;

namespace MailScan.Checks.Tests.Scanning;

public sealed class AdaptiveLimitTests
{
    private readonly FakeTimeProvider _time = new();
    private TimeSpan _cpu;

    private AdaptiveLimit Limit(int initial, int min = 1, int max = 100) =>
        new(new AdaptiveLimitSettings(initial, min, max, CpuTarget: 0.8), _time, processorTime: () => _cpu, cores: 2);

    /// <summary>A window of finished work: units end at the latency given, the last one a second after the window began, the CPU having added its share.</summary>
    private void Window(AdaptiveLimit limit, double latencyMs, double cpuBusy = 0.2, int finished = AdaptiveLimit.WindowSamples)
    {
        var inFlight = limit.Current;
        for (var i = 0; i < finished - 1; i++)
            limit.Record(TimeSpan.FromMilliseconds(latencyMs), dropped: false, inFlight);
        _time.Advance(TimeSpan.FromSeconds(1));
        _cpu += TimeSpan.FromSeconds(2 * cpuBusy);
        limit.Record(TimeSpan.FromMilliseconds(latencyMs), dropped: false, inFlight);
    }

    [Fact]
    public async Task Slots_beyond_the_limit_wait_until_one_is_given_back()
    {
        var limit = new AdaptiveLimit(AdaptiveLimitSettings.Fixed(2), _time);
        await limit.WaitAsync(CancellationToken.None);
        await limit.WaitAsync(CancellationToken.None);
        var third = limit.WaitAsync(CancellationToken.None).AsTask();
        Assert.False(third.IsCompleted);

        limit.Exit(TimeSpan.FromMilliseconds(5), dropped: false);
        await third.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, limit.InFlight);
    }

    [Fact]
    public async Task A_wait_cancelled_in_the_queue_takes_no_slot()
    {
        var limit = new AdaptiveLimit(AdaptiveLimitSettings.Fixed(1), _time);
        await limit.WaitAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = limit.WaitAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        limit.Exit(TimeSpan.FromMilliseconds(5), dropped: false);
        Assert.Equal(0, limit.InFlight);
    }

    [Fact]
    public async Task A_slot_left_while_its_work_waits_goes_to_the_next_and_is_no_sample()
    {
        var limit = Limit(initial: 1);
        await limit.WaitAsync(CancellationToken.None);
        var next = limit.WaitAsync(CancellationToken.None).AsTask();
        Assert.False(next.IsCompleted);

        limit.Leave();
        await next.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, limit.InFlight);
        Assert.Equal(0, limit.PendingSamples);
    }

    [Fact]
    public void A_fixed_limit_keeps_no_samples()
    {
        var limit = new AdaptiveLimit(AdaptiveLimitSettings.Fixed(4), _time, processorTime: () => _cpu, cores: 2);
        for (var i = 0; i < 1_000; i++)
            limit.Record(TimeSpan.FromMilliseconds(5), dropped: false, inFlight: 1);
        Assert.Equal(0, limit.PendingSamples);

        var adaptive = Limit(initial: 4);
        for (var i = 0; i < 3; i++)
            adaptive.Record(TimeSpan.FromMilliseconds(5), dropped: false, inFlight: 1);
        Assert.Equal(3, adaptive.PendingSamples);
    }

    [Fact]
    public void A_fixed_limit_does_not_move()
    {
        var limit = new AdaptiveLimit(AdaptiveLimitSettings.Fixed(16), _time, processorTime: () => _cpu, cores: 2);
        Window(limit, 100);
        Window(limit, 5_000);
        Assert.Equal(16, limit.Current);
    }

    [Fact]
    public void The_limit_grows_while_latency_holds_and_shrinks_when_it_rises()
    {
        var limit = Limit(initial: 10);
        Window(limit, 100);
        Window(limit, 150);
        Window(limit, 120);
        Assert.Equal(13, limit.Current); // 10 → 11 → 12.1 → 13.3

        Window(limit, 1_000); // above twice the baseline (100, 110, 112 ms): a tenth off
        Assert.Equal(11, limit.Current);
    }

    [Fact]
    public void Longer_work_that_finishes_more_a_second_does_not_shrink_the_limit()
    {
        var limit = Limit(initial: 10);
        Window(limit, 100);
        Assert.Equal(11, limit.Current);

        // Three times the median, 1.5 times the tolerance, and twice the work done in the second: no queue, the limit grows.
        Window(limit, 300, finished: 2 * AdaptiveLimit.WindowSamples);
        Assert.Equal(12, limit.Current);

        // As long again at the same rate (the baseline 140 ms): now it is a queue.
        Window(limit, 300, finished: 2 * AdaptiveLimit.WindowSamples);
        Assert.Equal(10, limit.Current);

        // Ten times the baseline with only twice the work done: a queue too.
        var other = Limit(initial: 10);
        Window(other, 100);
        Window(other, 1_000, finished: 2 * AdaptiveLimit.WindowSamples);
        Assert.Equal(9, other.Current);
    }

    [Fact]
    public void A_window_needs_its_samples_and_its_second()
    {
        var limit = Limit(initial: 10);
        _time.Advance(TimeSpan.FromSeconds(5));
        for (var i = 0; i < AdaptiveLimit.WindowSamples - 1; i++)
            limit.Record(TimeSpan.FromMilliseconds(100), dropped: false, inFlight: 10);
        Assert.Equal(10, limit.Current);

        var quick = Limit(initial: 10);
        for (var i = 0; i < 3 * AdaptiveLimit.WindowSamples; i++)
            quick.Record(TimeSpan.FromMilliseconds(100), dropped: false, inFlight: 10);
        Assert.Equal(10, quick.Current);
    }

    [Fact]
    public void Busy_cores_stop_the_growth()
    {
        var limit = Limit(initial: 10);
        Window(limit, 100, cpuBusy: 0.9);
        Window(limit, 100, cpuBusy: 0.9);
        Assert.Equal(10, limit.Current);
        Window(limit, 100, cpuBusy: 0.5);
        Assert.Equal(11, limit.Current);
    }

    [Fact]
    public void Failures_further_down_and_a_backlog_keep_the_limit_from_growing()
    {
        var failed = 0.0;
        var queued = 0;
        var limit = new AdaptiveLimit(new AdaptiveLimitSettings(10, 1, 100, CpuTarget: 0.8), _time, processorTime: () => _cpu, cores: 2,
            backlog: () => queued, failedFurtherDown: () => failed);
        Window(limit, 100);
        Assert.Equal(11, limit.Current);

        queued = 11; // as many probes waiting as domains in flight: more domains would only queue
        Window(limit, 100);
        Assert.Equal(11, limit.Current);

        queued = 0;
        failed = 0.1; // a tenth of the resolver's answers timed out
        Window(limit, 100);
        Assert.Equal(8, limit.Current);
    }

    [Fact]
    public async Task Slots_a_grown_limit_adds_go_to_those_waiting()
    {
        var limit = Limit(initial: 1);
        await limit.WaitAsync(CancellationToken.None);
        var waiting = limit.WaitAsync(CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);

        Window(limit, 100);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, limit.InFlight);
    }
}
