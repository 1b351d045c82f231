using System.Net;
using MailScan.Checks.Options;
using MailScan.Politeness;
using MailScan.Redis;
using MailScan.Redis.Hosting;
using StackExchange.Redis;

namespace MailScan.Lab.Tests.Cluster;

/// <summary>The connection gate on the lab's Redis: two gates stand for two worker processes.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConnectionGateTests
{
    private readonly ClusterLab _lab = ClusterLab.Load();

    /// <summary>Two worker processes' gates on their own Redis connections, sharing a fresh key prefix.</summary>
    private async Task<TwoProcesses> TwoProcessesAsync(ConnectionGateOptions smtp)
    {
        var first = await ConnectionMultiplexer.ConnectAsync(_lab.Redis);
        var second = await ConnectionMultiplexer.ConnectAsync(_lab.Redis);
        var keys = new RedisKeys(new ClusterOptions { RedisPrefix = $"test-{Guid.NewGuid():N}:" });
        RedisConnectionGate Gate(IConnectionMultiplexer redis) => new(redis, keys, Microsoft.Extensions.Options.Options.Create(smtp), TimeProvider.System);
        return new TwoProcesses(first, second, keys, Gate(first), Gate(second));
    }

    private sealed record TwoProcesses(ConnectionMultiplexer First, ConnectionMultiplexer Second, RedisKeys Keys, RedisConnectionGate GateA, RedisConnectionGate GateB) : IDisposable
    {
        public void Dispose()
        {
            First.Dispose();
            Second.Dispose();
        }
    }

    [Fact]
    public async Task One_connection_per_address_holds_across_processes()
    {
        var options = new MailScanOptions { Smtp = { MaxConnectionsPerIp = 1, MinConnectionSpacing = TimeSpan.Zero } };
        using var processes = await TwoProcessesAsync(options.Smtp);
        var (gateA, gateB) = (processes.GateA, processes.GateB);
        var address = IPAddress.Parse("192.0.2.25");

        var held = await gateA.AcquireAsync(address, CancellationToken.None);
        var waiting = gateB.AcquireAsync(address, CancellationToken.None).AsTask();
        var other = await gateB.AcquireAsync(IPAddress.Parse("192.0.2.26"), CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(waiting.IsCompleted, "a second process got a connection to an address that already has its one");

        await held.DisposeAsync();
        var next = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        await next.DisposeAsync();
        await other.DisposeAsync();
    }

    /// <summary>
    /// A process waiting for an address another process holds is woken by the release, and asks
    /// Redis a few times in all instead of every 50 ms: three waiters of one process for an address
    /// held for three seconds take the address in turn, and their process sends fewer than 20
    /// commands (asking every 50 ms, one waiter alone sent 60).
    /// </summary>
    [Fact]
    public async Task Waiters_for_a_held_address_are_woken_by_its_release_not_by_asking_again_and_again()
    {
        var options = new MailScanOptions { Smtp = { MaxConnectionsPerIp = 1, MinConnectionSpacing = TimeSpan.Zero } };
        using var processes = await TwoProcessesAsync(options.Smtp);
        var (gateA, gateB) = (processes.GateA, processes.GateB);
        var address = IPAddress.Parse("192.0.2.27");
        await (await gateB.AcquireAsync(IPAddress.Parse("192.0.2.28"), CancellationToken.None)).DisposeAsync();

        var held = await gateA.AcquireAsync(address, CancellationToken.None);
        var before = processes.Second.GetCounters().Interactive.OperationCount;
        var waiting = Enumerable.Range(0, 3).Select(async _ =>
        {
            var lease = await gateB.AcquireAsync(address, CancellationToken.None);
            await lease.DisposeAsync();
        }).ToList();
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.DoesNotContain(waiting, w => w.IsCompleted);

        await held.DisposeAsync();
        await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(30));
        var sent = processes.Second.GetCounters().Interactive.OperationCount - before;
        Assert.True(sent < 20, $"the waiting process sent {sent} commands to Redis");
    }

    /// <summary>
    /// 20 connection starts to 20 addresses, 10 from each of two processes, at 10 per second for the
    /// cluster: the first starts at once, each other one a tenth of a second after the one before, so
    /// the last cannot start before 1.9 s. A limit held per process would let both run at 10 per
    /// second side by side and finish after 0.9 s; no limit, at once.
    /// </summary>
    [Fact]
    public async Task The_connections_per_second_hold_for_the_cluster_not_per_process()
    {
        var options = new MailScanOptions { Smtp = { MaxConnectionsPerSecond = 10, MaxConnectionsPerIp = 1, MinConnectionSpacing = TimeSpan.Zero } };
        using var processes = await TwoProcessesAsync(options.Smtp);
        var gates = new[] { processes.GateA, processes.GateB };

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            var lease = await gates[i % 2].AcquireAsync(IPAddress.Parse($"192.0.2.{100 + i}"), CancellationToken.None);
            await lease.DisposeAsync();
        }));

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.5), $"20 connections started within {clock.Elapsed.TotalSeconds:0.00} s at 10 per second for the cluster");
        var ttl = await processes.First.GetDatabase().KeyTimeToLiveAsync(processes.Keys.GateRate);
        Assert.NotNull(ttl);
    }

    [Fact]
    public async Task A_pace_one_process_learnt_holds_for_the_other()
    {
        var options = new MailScanOptions
        {
            Smtp = { MinConnectionSpacing = TimeSpan.FromMilliseconds(100), RetryDelay = TimeSpan.FromSeconds(4) },
        };
        using var processes = await TwoProcessesAsync(options.Smtp);
        var (gateA, gateB) = (processes.GateA, processes.GateB);
        var strict = IPAddress.Parse("192.0.2.25");
        var fresh = IPAddress.Parse("192.0.2.26");

        // Process A: one connection accepted, the next put off (4 s), the retry accepted: a 4 s spacing.
        await gateA.ReportAsync(strict, ServerAnswer.Accepted, CancellationToken.None);
        Assert.InRange(await gateA.ReportAsync(strict, ServerAnswer.PutOff, CancellationToken.None), TimeSpan.FromSeconds(3.5), TimeSpan.FromSeconds(4));
        await gateA.ReportAsync(strict, ServerAnswer.Accepted, CancellationToken.None);
        var pace = await processes.First.GetDatabase().HashGetAsync(processes.Keys.Gate(strict.ToString()).Pace, "s");
        Assert.Equal(4000, (long)pace);

        // Process B is put off by the same server: it starts from the learnt spacing (twice 4 s), an address nobody learnt from from the retry delay.
        await gateB.ReportAsync(fresh, ServerAnswer.Accepted, CancellationToken.None);
        Assert.InRange(await gateB.ReportAsync(fresh, ServerAnswer.PutOff, CancellationToken.None), TimeSpan.FromSeconds(3.5), TimeSpan.FromSeconds(4));
        Assert.InRange(await gateB.ReportAsync(strict, ServerAnswer.PutOff, CancellationToken.None), TimeSpan.FromSeconds(7.5), TimeSpan.FromSeconds(8));
    }
}
