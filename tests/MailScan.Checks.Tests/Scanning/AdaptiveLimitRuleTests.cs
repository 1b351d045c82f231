using MailScan.Checks.Scanning;

namespace MailScan.Checks.Tests.Scanning;

public sealed class AdaptiveLimitRuleTests
{
    private static readonly AdaptiveLimitSettings Settings = new(Initial: 32, Min: 4, Max: 200, CpuTarget: 0.8);
    private static readonly TimeSpan Baseline = TimeSpan.FromMilliseconds(400);

    private static LimitWindow Window(double medianMs, int mostInFlight = 32, double dropped = 0, double cpu = 0.3) =>
        new(TimeSpan.FromMilliseconds(medianMs), mostInFlight, dropped, cpu);

    [Fact]
    public void A_used_limit_grows_by_a_tenth_while_latency_stays_near_the_baseline()
    {
        Assert.Equal(35.2, AdaptiveLimitRule.NextLimit(32, Baseline, Window(700), Settings), 6);
        Assert.Equal(5, AdaptiveLimitRule.NextLimit(4, Baseline, Window(400, mostInFlight: 4), Settings));
    }

    [Fact]
    public void A_limit_that_was_not_used_does_not_grow()
    {
        Assert.Equal(32, AdaptiveLimitRule.NextLimit(32, Baseline, Window(400, mostInFlight: 20), Settings));
    }

    [Fact]
    public void Cores_above_the_target_hold_the_limit()
    {
        Assert.Equal(32, AdaptiveLimitRule.NextLimit(32, Baseline, Window(400, cpu: 0.85), Settings));
    }

    [Fact]
    public void A_backlog_as_long_as_the_limit_holds_it()
    {
        Assert.Equal(32, AdaptiveLimitRule.NextLimit(32, Baseline, Window(400) with { Backlog = 32 }, Settings));
        Assert.Equal(35.2, AdaptiveLimitRule.NextLimit(32, Baseline, Window(400) with { Backlog = 31 }, Settings), 6);
    }

    [Fact]
    public void Latency_above_the_tolerance_shrinks_the_limit_by_a_tenth()
    {
        // Tolerance 2: 800 ms is the line.
        Assert.Equal(28.8, AdaptiveLimitRule.NextLimit(32, Baseline, Window(1000), Settings), 6);
        Assert.Equal(28.8, AdaptiveLimitRule.NextLimit(32, Baseline, Window(10_000), Settings), 6);
        Assert.Equal(35.2, AdaptiveLimitRule.NextLimit(32, Baseline, Window(800), Settings), 6);
    }

    [Fact]
    public void A_longer_median_that_came_with_more_work_done_is_no_queue()
    {
        // 10 a second before; 850 ms against a tolerance of 800: at least a tenth more is the line.
        Assert.Equal(35.2, AdaptiveLimitRule.NextLimit(32, Baseline, Window(850) with { Rate = 11.5 }, Settings, previousRate: 10), 6);
        Assert.Equal(28.8, AdaptiveLimitRule.NextLimit(32, Baseline, Window(850) with { Rate = 10.5 }, Settings, previousRate: 10), 6);
        Assert.Equal(28.8, AdaptiveLimitRule.NextLimit(32, Baseline, Window(850) with { Rate = 8 }, Settings, previousRate: 10), 6);
        // 2 s is 2.5 times the tolerance: the work a second must grow as much.
        Assert.Equal(35.2, AdaptiveLimitRule.NextLimit(32, Baseline, Window(2000) with { Rate = 25 }, Settings, previousRate: 10), 6);
        Assert.Equal(28.8, AdaptiveLimitRule.NextLimit(32, Baseline, Window(2000) with { Rate = 20 }, Settings, previousRate: 10), 6);
        // No window before: the median alone decides.
        Assert.Equal(28.8, AdaptiveLimitRule.NextLimit(32, Baseline, Window(1000) with { Rate = 12 }, Settings), 6);
        // More work done does not outweigh failures.
        Assert.Equal(25.6, AdaptiveLimitRule.NextLimit(32, Baseline, Window(1000, dropped: 0.2) with { Rate = 20 }, Settings, previousRate: 10), 6);
    }

    [Fact]
    public void Failures_above_five_percent_shrink_the_limit_by_a_fifth()
    {
        Assert.Equal(25.6, AdaptiveLimitRule.NextLimit(32, Baseline, Window(400, dropped: 0.2), Settings), 6);
        Assert.Equal(35.2, AdaptiveLimitRule.NextLimit(32, Baseline, Window(400, dropped: 0.05), Settings), 6);
    }

    [Fact]
    public void The_limit_stays_within_its_bounds()
    {
        Assert.Equal(200, AdaptiveLimitRule.NextLimit(195, Baseline, Window(400, mostInFlight: 195), Settings));
        Assert.Equal(4, AdaptiveLimitRule.NextLimit(5, Baseline, Window(400, dropped: 1), Settings));
    }

    [Fact]
    public void The_first_window_sets_the_baseline()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(700), AdaptiveLimitRule.NextBaseline(TimeSpan.Zero, Window(700)));
    }

    [Fact]
    public void The_baseline_moves_a_fifth_of_the_way_to_each_window_so_that_a_lasting_change_becomes_the_norm()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(520), AdaptiveLimitRule.NextBaseline(Baseline, Window(1000)));
        Assert.Equal(TimeSpan.FromMilliseconds(380), AdaptiveLimitRule.NextBaseline(Baseline, Window(300)));
        var baseline = Baseline;
        for (var i = 0; i < 10; i++)
            baseline = AdaptiveLimitRule.NextBaseline(baseline, Window(4000));
        Assert.True(baseline * 2 > TimeSpan.FromMilliseconds(4000), $"after ten windows at 4 s the baseline is {baseline}");
    }
}
