using MailScan.Checks.Scanning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MailScan.Coordinator.Tests;

/// <summary>
/// One process (<see cref="MailScanCoordinatorServices.AddMailScanEmbedded"/>) with one slot per
/// probe kind: an evaluation that waits out a strict server gives its kind's slot up while it
/// waits, so probes of the same kind for other addresses are served meanwhile (the worker's
/// version is MailScan.Worker.Tests' StrictWaitsTests).
/// </summary>
public sealed class EmbeddedStrictWaitsTests
{
    [Fact]
    public async Task Fast_addresses_are_served_while_a_strict_one_waits_with_one_slot_of_their_kind()
    {
        var services = new ServiceCollection().AddLogging().AddMailScanEmbedded(AdaptiveLimitSettings.Fixed(1));
        services.RemoveAll<IProbe>();
        services.AddSingleton<IProbe, PacedProbe>();
        await using var provider = services.BuildServiceProvider(true);
        var probe = (PacedProbe)provider.GetRequiredService<IEnumerable<IProbe>>().Single();
        var dispatcher = provider.GetRequiredService<IProbeDispatcher>();

        var strict = dispatcher.DispatchAsync(new ProbeRequest(new ProbeKey(PacedProbe.KindName, PacedProbe.Strict)), CancellationToken.None);
        await probe.Waiting.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var fast = Enumerable.Range(10, 3).Select(i => dispatcher.DispatchAsync(new ProbeRequest(new ProbeKey(PacedProbe.KindName, $"192.0.2.{i}")), CancellationToken.None)).ToList();
        var served = await Task.WhenAll(fast).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(served, r => Assert.Equal(ProbeOutcome.Completed, r.Outcome));
        Assert.False(strict.IsCompleted);
        probe.Release.SetResult();
        Assert.Equal(ProbeOutcome.Completed, (await strict.WaitAsync(TimeSpan.FromSeconds(30))).Outcome);
    }

    /// <summary>
    /// A probe that takes the process's work slots from the container as the STARTTLS probe does,
    /// and for the strict address waits at the gate (away from its slot) until released.
    /// </summary>
    private sealed class PacedProbe(ProbeWorkSlots? slots = null) : IProbe
    {
        public const string KindName = "smtp.test-paced";
        public const string Strict = "192.0.2.1";

        public TaskCompletionSource Waiting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Kind => KindName;

        public async Task<ProbeResult> RunAsync(ProbeRequest request, CancellationToken cancellationToken)
        {
            if (request.Key.Target != Strict)
                return ProbeResult.Completed(request.Key, new { target = request.Key.Target }, TimeSpan.Zero);
            Assert.NotNull(slots);
            await using (await slots.WaitAwayAsync(async () =>
            {
                Waiting.SetResult();
                await Release.Task.WaitAsync(cancellationToken);
                return new Lease();
            }, cancellationToken))
            {
                return ProbeResult.Completed(request.Key, new { target = request.Key.Target }, TimeSpan.Zero);
            }
        }
    }

    private sealed class Lease : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
