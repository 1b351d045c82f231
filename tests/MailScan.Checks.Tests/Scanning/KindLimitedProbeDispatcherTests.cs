using MailScan.Checks.Scanning;

namespace MailScan.Checks.Tests.Scanning;

public sealed class KindLimitedProbeDispatcherTests
{
    [Fact]
    public async Task Each_kind_runs_at_most_the_limit_at_once_and_kinds_do_not_wait_for_each_other()
    {
        var running = new Dictionary<string, int>();
        var most = new Dictionary<string, int>();
        var release = new TaskCompletionSource();
        var inner = new FakeDispatcher(async (request, _) =>
        {
            var kind = request.Key.Kind;
            lock (running)
            {
                running[kind] = running.GetValueOrDefault(kind) + 1;
                most[kind] = Math.Max(most.GetValueOrDefault(kind), running[kind]);
            }
            await release.Task;
            lock (running)
                running[kind]--;
            return ProbeResult.NotCompleted(request.Key, ProbeOutcome.Failed, "done", TimeSpan.Zero);
        });
        var limited = new KindLimitedProbeDispatcher(inner, limit: 3);

        var dns = Enumerable.Range(0, 10).Select(i => limited.DispatchAsync(new ProbeRequest(new ProbeKey("dns.auth", $"d{i}.test")), CancellationToken.None)).ToList();
        var tls = Enumerable.Range(0, 5).Select(i => limited.DispatchAsync(new ProbeRequest(new ProbeKey("smtp.tls", $"192.0.2.{i}")), CancellationToken.None)).ToList();
        // Greetings are of the same family as the STARTTLS evaluations filling their slots, and still start.
        var greetings = Enumerable.Range(0, 2).Select(i => limited.DispatchAsync(new ProbeRequest(new ProbeKey("smtp", $"192.0.2.{i}")), CancellationToken.None)).ToList();
        await WaitUntilAsync(() => { lock (running) return running.GetValueOrDefault("dns.auth") == 3 && running.GetValueOrDefault("smtp.tls") == 3 && running.GetValueOrDefault("smtp") == 2; });

        release.SetResult();
        var results = await Task.WhenAll(dns.Concat(tls).Concat(greetings));
        Assert.Equal(17, results.Length);
        Assert.Equal(3, most["dns.auth"]);
        Assert.Equal(3, most["smtp.tls"]);
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
        var limited = new KindLimitedProbeDispatcher(inner, limit: 1);
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
    public async Task With_one_slot_of_the_kind_fast_probes_of_other_addresses_complete_while_a_strict_one_waits()
    {
        var slots = new ProbeWorkSlots(AdaptiveLimitSettings.Fixed(1), TimeProvider.System);
        var waiting = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var working = 0;
        var most = 0;
        var inner = new FakeDispatcher(async (request, token) =>
        {
            most = Math.Max(most, Interlocked.Increment(ref working));
            if (request.Key.Target == "192.0.2.1")
            {
                Interlocked.Decrement(ref working);
                // As PacedConnections does for a strict server: the gate's wait (its spacing, a retry) away from the slot.
                await using (await slots.WaitAwayAsync(async () => { waiting.SetResult(); await release.Task.WaitAsync(token); return new Lease(); }, token))
                    most = Math.Max(most, Interlocked.Increment(ref working));
            }
            Interlocked.Decrement(ref working);
            return ProbeResult.Completed(request.Key, new { target = request.Key.Target }, TimeSpan.Zero);
        });
        var limited = new KindLimitedProbeDispatcher(inner, slots);

        var strict = limited.DispatchAsync(new ProbeRequest(new ProbeKey("smtp.tls", "192.0.2.1")), CancellationToken.None);
        await waiting.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var fast = Enumerable.Range(10, 3).Select(i => limited.DispatchAsync(new ProbeRequest(new ProbeKey("smtp.tls", $"192.0.2.{i}")), CancellationToken.None)).ToList();
        var served = await Task.WhenAll(fast).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(served, r => Assert.Equal(ProbeOutcome.Completed, r.Outcome));
        Assert.False(strict.IsCompleted);
        release.SetResult();
        Assert.Equal(ProbeOutcome.Completed, (await strict.WaitAsync(TimeSpan.FromSeconds(30))).Outcome);
        Assert.Equal(1, most);
        Assert.Equal(0, limited.Queued);
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
