using MailScan.Redis.Notices;

namespace MailScan.Redis.Tests.Notices;

public sealed class KeyedTurnsTests
{
    [Fact]
    public async Task Callers_for_one_key_take_turns_and_other_keys_do_not_wait()
    {
        var turns = new KeyedTurns();
        var first = await turns.TakeAsync("192.0.2.25", CancellationToken.None);
        var second = turns.TakeAsync("192.0.2.25", CancellationToken.None).AsTask();
        var other = turns.TakeAsync("192.0.2.26", CancellationToken.None).AsTask();

        Assert.True(other.IsCompletedSuccessfully);
        Assert.False(second.IsCompleted);

        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
        (await other).Dispose();
        Assert.Equal(0, turns.Keys);
    }

    [Fact]
    public async Task A_caller_that_gives_up_waiting_leaves_the_queue()
    {
        var turns = new KeyedTurns();
        var held = await turns.TakeAsync("192.0.2.25", CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var waiting = turns.TakeAsync("192.0.2.25", stop.Token).AsTask();

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        held.Dispose();
        held.Dispose();

        Assert.Equal(0, turns.Keys);
        (await turns.TakeAsync("192.0.2.25", CancellationToken.None)).Dispose();
    }
}
