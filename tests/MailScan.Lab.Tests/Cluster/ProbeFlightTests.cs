using MailScan.Checks.Scanning;
using MailScan.Checks.Smtp;
using MailScan.Coordinator.Flights;
using MailScan.Redis;
using MailScan.Redis.Hosting;
using StackExchange.Redis;

namespace MailScan.Lab.Tests.Cluster;

/// <summary>The single flight on the lab's Redis: two flights stand for two coordinators.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ProbeFlightTests
{
    private readonly ClusterLab _lab = ClusterLab.Load();

    /// <summary>
    /// While one coordinator probes a host for three seconds, the other waits for the result: it gets
    /// the holder's result as shared, runs nothing itself, and asks Redis a few times in all (the
    /// holder's notice wakes it), where asking every 100 ms took 60 commands.
    /// </summary>
    [Fact]
    public async Task A_waiter_gets_the_holders_result_when_the_holder_is_done_without_asking_again_and_again()
    {
        using var first = await ConnectionMultiplexer.ConnectAsync(_lab.Redis);
        using var second = await ConnectionMultiplexer.ConnectAsync(_lab.Redis);
        var keys = new RedisKeys(new ClusterOptions { RedisPrefix = $"test-{Guid.NewGuid():N}:" });
        var holder = new RedisProbeFlight(first, keys, TimeProvider.System);
        var waiter = new RedisProbeFlight(second, keys, TimeProvider.System);
        var request = new ProbeRequest(new ProbeKey(SmtpGreetingProbe.Name, "192.0.2.25"), "mx1.example.nl");
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();

        var holding = holder.RunOnceAsync(request, async _ =>
        {
            started.SetResult();
            await release.Task;
            return ProbeResult.Completed(request.Key, new SmtpEvidence("192.0.2.25", 25, SmtpConnectState.Greeted, 220, "hi", false, [], 1, 1), TimeSpan.FromSeconds(3));
        }, CancellationToken.None);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var before = second.GetCounters().Interactive.OperationCount;
        var ranHere = false;
        var waiting = waiter.RunOnceAsync(request, _ =>
        {
            ranHere = true;
            return Task.FromResult(ProbeResult.NotCompleted(request.Key, ProbeOutcome.TimedOut, "not here", TimeSpan.Zero));
        }, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(waiting.IsCompleted);

        release.SetResult();
        var (held, _) = await holding.WaitAsync(TimeSpan.FromSeconds(30));
        var (result, shared) = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        var sent = second.GetCounters().Interactive.OperationCount - before;

        Assert.False(ranHere);
        Assert.True(shared);
        Assert.Equal(220, result.EvidenceAs<SmtpEvidence>()!.GreetingCode);
        Assert.Equal(held.Evidence!.Value.GetRawText(), result.Evidence!.Value.GetRawText());
        Assert.True(sent < 15, $"the waiting coordinator sent {sent} commands to Redis");
        Assert.Equal(1, (long)await first.GetDatabase().StringGetAsync(keys.ProbeRuns(request.Key.ToString())));
    }
}
