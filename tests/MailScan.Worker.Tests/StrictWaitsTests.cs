using MailScan.Checks.Options;
using MailScan.Checks.Scanning;
using MailScan.Contracts.Bus;
using MailScan.Worker.Bus;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MailScan.Worker.Tests;

/// <summary>
/// A worker with one working slot on the smtp queue: evaluations that wait out strict servers give
/// the slot up while they wait, so the fast addresses behind them are served meanwhile.
/// </summary>
public sealed class StrictWaitsTests
{
    [Fact]
    public async Task Fast_addresses_are_served_while_strict_ones_wait()
    {
        var strictProbe = new WaitingProbe();
        await using var provider = new ServiceCollection()
            .AddSingleton(Microsoft.Extensions.Options.Options.Create(new MailScanOptions()))
            .AddSingleton<IProbe>(strictProbe)
            .AddSingleton<IProbe>(new FastProbe())
            .AddSingleton<InProcessProbeDispatcher>()
            .AddSingleton(sp => strictProbe.Slots = new ProbeWorkSlots(1))
            .AddMassTransitTestHarness(bus =>
            {
                bus.AddMailScanWorker();
                bus.UsingInMemory((context, transport) => transport.ConfigureProbeEndpoints(context, ["smtp"], new ProbeEndpointLimits(Concurrency: 1, StrictWaits: 4)));
            })
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var client = harness.Bus.CreateRequestClient<RunProbe>(new Uri($"queue:{ProbeQueues.ForFamily("smtp")}"));

        var strict = Enumerable.Range(1, 2).Select(i => client.GetResponse<ProbeFinished>(new RunProbe(WaitingProbe.KindName, $"192.0.2.{i}", null))).ToList();
        await strictProbe.BothWaiting.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var fast = Enumerable.Range(10, 3).Select(i => client.GetResponse<ProbeFinished>(new RunProbe(FastProbe.KindName, $"192.0.2.{i}", null))).ToList();
        var served = await Task.WhenAll(fast).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(served, r => Assert.Equal("completed", r.Message.Outcome.ToLowerInvariant()));
        Assert.All(strict, s => Assert.False(s.IsCompleted));
        strictProbe.Release.SetResult();
        var waited = await Task.WhenAll(strict).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(waited, r => Assert.Equal("completed", r.Message.Outcome.ToLowerInvariant()));
    }

    /// <summary>An evaluation of a strict server: it waits at the gate (away from its slot) until released, then connects.</summary>
    private sealed class WaitingProbe : IProbe
    {
        public const string KindName = "smtp.test-strict";
        private int _waiting;

        public ProbeWorkSlots? Slots { get; set; }

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource BothWaiting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Kind => KindName;

        public async Task<ProbeResult> RunAsync(ProbeRequest request, CancellationToken cancellationToken)
        {
            await using (await Slots!.WaitAwayAsync(async () =>
            {
                if (Interlocked.Increment(ref _waiting) == 2)
                    BothWaiting.SetResult();
                await Release.Task.WaitAsync(cancellationToken);
                return new Lease();
            }, cancellationToken))
            {
                return ProbeResult.Completed(request.Key, new { target = request.Key.Target }, TimeSpan.Zero);
            }
        }
    }

    private sealed class FastProbe : IProbe
    {
        public const string KindName = "smtp.test-fast";

        public string Kind => KindName;

        public Task<ProbeResult> RunAsync(ProbeRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(ProbeResult.Completed(request.Key, new { target = request.Key.Target }, TimeSpan.Zero));
    }

    private sealed class Lease : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
