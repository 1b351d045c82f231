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
