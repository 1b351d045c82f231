using MassTransit;

namespace MailScan.Coordinator.Tests;

public sealed class BusRestartsTests
{
    private static readonly Uri Responses = new("rabbitmq://localhost/coordinator_bus_x");
    private static readonly Uri Probes = new("rabbitmq://localhost/probe-smtp");

    [Fact]
    public async Task An_endpoint_ready_for_the_first_time_is_no_reconnection()
    {
        var restarts = new BusRestarts();
        var next = restarts.Next;
        await restarts.Ready(new Ready(Responses));
        await restarts.Ready(new Ready(Probes));
        Assert.False(next.IsCompleted);
        Assert.Equal(0, restarts.Count);
    }

    [Fact]
    public async Task An_endpoint_ready_again_after_a_fault_signals_every_waiter_once()
    {
        var restarts = new BusRestarts();
        await restarts.Ready(new Ready(Responses));
        var before = restarts.Next;
        await restarts.Faulted(new Faulted(Responses));
        Assert.False(before.IsCompleted);

        await restarts.Ready(new Ready(Responses));
        await before.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, restarts.Count);
        Assert.False(restarts.Next.IsCompleted);

        // Ready once more without a fault in between: nothing was lost.
        var after = restarts.Next;
        await restarts.Ready(new Ready(Responses));
        Assert.False(after.IsCompleted);
    }

    [Fact]
    public async Task A_stopped_endpoint_that_starts_again_counts_and_another_endpoint_does_not_stand_in_for_it()
    {
        var restarts = new BusRestarts();
        var next = restarts.Next;
        await restarts.Stopping(new Stopping(Probes));
        await restarts.Ready(new Ready(Responses));
        Assert.False(next.IsCompleted);
        await restarts.Ready(new Ready(Probes));
        Assert.True(next.IsCompleted);
    }

    private sealed record Ready(Uri InputAddress) : ReceiveEndpointReady
    {
        public IReceiveEndpoint ReceiveEndpoint => null!;
        public bool IsStarted => true;
    }

    private sealed record Faulted(Uri InputAddress) : ReceiveEndpointFaulted
    {
        public IReceiveEndpoint ReceiveEndpoint => null!;
        public Exception Exception => new InvalidOperationException("broker gone");
    }

    private sealed record Stopping(Uri InputAddress) : ReceiveEndpointStopping
    {
        public IReceiveEndpoint ReceiveEndpoint => null!;
        public bool Removed => false;
    }
}
