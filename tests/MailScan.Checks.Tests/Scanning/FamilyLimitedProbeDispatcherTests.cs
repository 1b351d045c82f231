using MailScan.Checks.Scanning;

namespace MailScan.Checks.Tests.Scanning;

public sealed class FamilyLimitedProbeDispatcherTests
{
    [Fact]
    public async Task Each_family_runs_at_most_the_limit_at_once_and_families_do_not_wait_for_each_other()
    {
        var running = new Dictionary<string, int>();
        var most = new Dictionary<string, int>();
        var release = new TaskCompletionSource();
        var inner = new FakeDispatcher(async (request, _) =>
        {
            var family = ProbeKind.FamilyOf(request.Key.Kind);
            lock (running)
            {
                running[family] = running.GetValueOrDefault(family) + 1;
                most[family] = Math.Max(most.GetValueOrDefault(family), running[family]);
            }
            await release.Task;
            lock (running)
                running[family]--;
            return ProbeResult.NotCompleted(request.Key, ProbeOutcome.Failed, "done", TimeSpan.Zero);
        });
        var limited = new FamilyLimitedProbeDispatcher(inner, new ProbeWorkSlots(3));

        var dns = Enumerable.Range(0, 10).Select(i => limited.DispatchAsync(new ProbeRequest(new ProbeKey("dns.auth", $"d{i}.test")), CancellationToken.None)).ToList();
        var smtp = Enumerable.Range(0, 2).Select(i => limited.DispatchAsync(new ProbeRequest(new ProbeKey("smtp.tls", $"192.0.2.{i}")), CancellationToken.None)).ToList();
        await WaitUntilAsync(() => { lock (running) return running.GetValueOrDefault("dns") == 3 && running.GetValueOrDefault("smtp") == 2; });

        release.SetResult();
        var results = await Task.WhenAll(dns.Concat(smtp));
        Assert.Equal(12, results.Length);
        Assert.Equal(3, most["dns"]);
        Assert.Equal(2, most["smtp"]);
    }

    [Fact]
    public async Task A_request_cancelled_while_waiting_for_a_slot_ends_without_running()
    {
        var started = 0;
        var release = new TaskCompletionSource();
        var inner = new FakeDispatcher(async (request, _) =>
        {
            Interlocked.Increment(ref started);
            await release.Task;
            return ProbeResult.NotCompleted(request.Key, ProbeOutcome.Failed, "done", TimeSpan.Zero);
        });
        var limited = new FamilyLimitedProbeDispatcher(inner, new ProbeWorkSlots(1));
        var first = limited.DispatchAsync(new ProbeRequest(new ProbeKey("dns.auth", "a.test")), CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var second = limited.DispatchAsync(new ProbeRequest(new ProbeKey("dns.auth", "b.test")), cancel.Token);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        release.SetResult();
        await first;
        Assert.Equal(1, started);
    }

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
        var limited = new FamilyLimitedProbeDispatcher(inner, slots);

        var strict = limited.DispatchAsync(new ProbeRequest(new ProbeKey("smtp.tls", "strict")), CancellationToken.None);
        var fast = Enumerable.Range(0, 3).Select(i => limited.DispatchAsync(new ProbeRequest(new ProbeKey("smtp.tls", $"fast{i}")), CancellationToken.None)).ToList();
        await Task.WhenAll(fast).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(strict.IsCompleted);
        release.SetResult();
        await strict.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, most);
    }

    private sealed class Lease : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "the probes did not start");
            await Task.Delay(10);
        }
    }
}
