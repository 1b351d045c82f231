using MailScan.Checks.Scanning;

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
