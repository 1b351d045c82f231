using MailScan.Checks.Scanning;
using Microsoft.Extensions.Time.Testing;

namespace MailScan.Checks.Tests.Scanning;

public sealed class ProbeWorkSlotsTests
{
    [Fact]
    public async Task A_probe_waiting_away_from_its_slot_lets_the_next_one_work_and_takes_a_slot_again_after()
    {
        var slots = new ProbeWorkSlots(1);
        var release = new TaskCompletionSource();
        var working = 0;
        var most = 0;
        var inner = new FakeDispatcher(async (request, token) =>
        {
            Assert.Equal(1, Interlocked.Increment(ref working));
            if (request.Key.Target == "strict")
            {
                Interlocked.Decrement(ref working);
                await using (await slots.WaitAwayAsync(async () => { await release.Task; return new Lease(); }, token))
                    most = Math.Max(most, Interlocked.Increment(ref working));
            }
            Interlocked.Decrement(ref working);
            return ProbeResult.NotCompleted(request.Key, ProbeOutcome.Failed, "done", TimeSpan.Zero);
        });

        var strict = Run(slots, inner, "strict");
        var fast = Enumerable.Range(0, 3).Select(i => Run(slots, inner, $"fast{i}")).ToList();
        await Task.WhenAll(fast).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(strict.IsCompleted);
        release.SetResult();
        await strict.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, most);
    }

    [Fact]
    public async Task The_time_away_from_the_slot_is_not_the_probes_latency()
    {
        var time = new FakeTimeProvider();
        var limit = new AdaptiveLimit(new AdaptiveLimitSettings(4, 1, 100, CpuTarget: 0.8), time, processorTime: () => TimeSpan.Zero, cores: 2);
        var slots = new ProbeWorkSlots(_ => limit, time, reported: false);
        var inner = new FakeDispatcher(async (request, token) =>
        {
            if (request.Key.Target == "strict")
            {
                // A learnt spacing of a minute, waited for at the gate away from the slot.
                await using (await slots.WaitAwayAsync(() => { time.Advance(TimeSpan.FromMinutes(1)); return ValueTask.FromResult<IAsyncDisposable>(new Lease()); }, token))
                    time.Advance(TimeSpan.FromMilliseconds(100));
            }
            else
            {
                time.Advance(TimeSpan.FromMilliseconds(request.Key.Target == "slow" ? 10_000 : 100));
            }
            return ProbeResult.Completed(request.Key, new { }, TimeSpan.Zero);
        });

        async Task WindowAsync(string target)
        {
            for (var i = 0; i < AdaptiveLimit.WindowSamples; i++)
                await Run(slots, inner, target);
        }

        await WindowAsync("fast"); // the baseline: 100 ms a probe
        Assert.Equal(4, limit.Current);
        await WindowAsync("strict"); // 100 ms in the slot each, a minute away from it: latency held
        Assert.Equal(4, limit.Current);
        Assert.Equal(0, limit.PendingSamples);
        await WindowAsync("slow"); // 10 s in the slot: that is a slow probe, and the limit shrinks
        Assert.Equal(3, limit.Current);
    }

    [Fact]
    public async Task A_probe_cancelled_on_its_way_back_to_a_slot_leaves_none_taken()
    {
        var limit = new AdaptiveLimit(AdaptiveLimitSettings.Fixed(1), TimeProvider.System);
        var slots = new ProbeWorkSlots(_ => limit, TimeProvider.System, reported: false);
        var waiting = new TaskCompletionSource();
        var leased = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        using var cancel = new CancellationTokenSource();
        var inner = new FakeDispatcher(async (request, token) =>
        {
            if (request.Key.Target == "strict")
            {
                await using (await slots.WaitAwayAsync(async () => { waiting.SetResult(); await leased.Task; return new Lease(); }, token))
                    return ProbeResult.Completed(request.Key, new { }, TimeSpan.Zero);
            }
            await release.Task;
            return ProbeResult.Completed(request.Key, new { }, TimeSpan.Zero);
        });

        var strict = slots.RunAsync("smtp.tls", token => inner.DispatchAsync(new ProbeRequest(new ProbeKey("smtp.tls", "strict")), token), cancel.Token);
        await waiting.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // The strict probe gave its slot up and another took it, so once its lease is there it waits to come back, and is cancelled there.
        var other = Run(slots, inner, "fast");
        await WaitUntilAsync(() => limit.InFlight == 1);
        leased.SetResult();
        await WaitUntilAsync(() => slots.Queued == 1);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => strict);
        release.SetResult();
        await other.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, limit.InFlight);
        Assert.Equal(0, slots.Queued);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "the condition did not come true");
            await Task.Delay(10);
        }
    }

    private static Task<ProbeResult> Run(ProbeWorkSlots slots, FakeDispatcher inner, string target)
    {
        var request = new ProbeRequest(new ProbeKey("smtp.tls", target));
        return slots.RunAsync(ProbeKind.FamilyOf(request.Key.Kind), token => inner.DispatchAsync(request, token), CancellationToken.None);
    }

    private sealed class Lease : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
