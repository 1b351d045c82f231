namespace MailScan.Coordinator.Tests;

public sealed class ResponseEndpointReadyTests
{
    [Fact]
    public async Task Many_first_requests_wait_for_one_connect_without_blocking_their_own_threads()
    {
        using var endpointUp = new ManualResetEventSlim();
        var connects = 0;
        var ready = new ResponseEndpointReady(() =>
        {
            Interlocked.Increment(ref connects);
            endpointUp.Wait();
        });

        // Each call returns at once on this one thread while the endpoint is still coming up.
        var waits = Enumerable.Range(0, 128).Select(_ => ready.WaitAsync(CancellationToken.None)).ToList();
        Assert.All(waits, w => Assert.False(w.IsCompleted));

        endpointUp.Set();
        await Task.WhenAll(waits);
        await ready.WaitAsync(CancellationToken.None);
        Assert.Equal(1, Volatile.Read(ref connects));
    }

    [Fact]
    public async Task A_connect_that_failed_is_made_again_by_the_next_request()
    {
        var connects = 0;
        var ready = new ResponseEndpointReady(() =>
        {
            if (Interlocked.Increment(ref connects) == 1)
                throw new InvalidOperationException("broker away");
        });

        await Assert.ThrowsAsync<InvalidOperationException>(() => ready.WaitAsync(CancellationToken.None));
        await ready.WaitAsync(CancellationToken.None);
        Assert.Equal(2, Volatile.Read(ref connects));
    }
}
