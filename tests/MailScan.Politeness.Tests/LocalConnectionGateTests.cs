using System.Net;
using MailScan.Politeness;
using Microsoft.Extensions.Time.Testing;

namespace MailScan.Politeness.Tests;

public sealed class LocalConnectionGateTests
{
    private static (LocalConnectionGate Gate, FakeTimeProvider Time) Gate(double perSecond)
    {
        var options = new ConnectionGateOptions();
        options.MaxConnectionsPerSecond = perSecond;
        options.MinConnectionSpacing = TimeSpan.Zero;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));
        return (new LocalConnectionGate(Microsoft.Extensions.Options.Options.Create(options), time), time);
    }

    [Fact]
    public async Task The_global_rate_spaces_connections_to_different_addresses()
    {
        var (gate, time) = Gate(perSecond: 1);
        await using (await gate.AcquireAsync(IPAddress.Parse("192.0.2.1"), CancellationToken.None))
        {
        }
        var second = gate.AcquireAsync(IPAddress.Parse("192.0.2.2"), CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await (await second).DisposeAsync();
    }

    [Fact]
    public async Task Callers_waiting_for_their_turn_are_counted_until_they_have_it()
    {
        var (gate, time) = Gate(perSecond: 1);
        var address = IPAddress.Parse("192.0.2.1");
        var first = await gate.AcquireAsync(address, CancellationToken.None);
        var second = gate.AcquireAsync(address, CancellationToken.None).AsTask();
        Assert.Equal(1, gate.Waiting);

        await first.DisposeAsync();
        time.Advance(TimeSpan.FromSeconds(1));
        await (await second).DisposeAsync();
        Assert.Equal(0, gate.Waiting);
    }

    [Fact]
    public async Task A_connection_waiting_out_its_address_does_not_hold_other_addresses_behind_the_global_rate()
    {
        var (gate, time) = Gate(perSecond: 1);
        var strict = IPAddress.Parse("192.0.2.1");
        await (await gate.AcquireAsync(strict, CancellationToken.None)).DisposeAsync();
        await gate.ReportAsync(strict, ServerAnswer.PutOff, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));
        var retry = gate.AcquireAsync(strict, CancellationToken.None).AsTask();

        // The retry waits its 10 s; another address gets the next start of the global rate at once.
        var other = gate.AcquireAsync(IPAddress.Parse("192.0.2.2"), CancellationToken.None);
        Assert.True(other.IsCompleted);
        await (await other).DisposeAsync();
        Assert.False(retry.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(10));
        await (await retry).DisposeAsync();
    }

    [Fact]
    public async Task Without_a_global_rate_other_addresses_do_not_wait()
    {
        var (gate, _) = Gate(perSecond: 0);
        await (await gate.AcquireAsync(IPAddress.Parse("192.0.2.1"), CancellationToken.None)).DisposeAsync();
        var second = gate.AcquireAsync(IPAddress.Parse("192.0.2.2"), CancellationToken.None);
        Assert.True(second.IsCompleted);
        await (await second).DisposeAsync();
    }

    [Fact]
    public async Task Idle_addresses_are_forgotten_and_a_held_one_is_kept()
    {
        var options = new ConnectionGateOptions();
        options.MinConnectionSpacing = TimeSpan.FromSeconds(2);
        options.MaxConnectionsPerSecond = 0;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));
        var gate = new LocalConnectionGate(Microsoft.Extensions.Options.Options.Create(options), time);
        for (var i = 1; i <= 50; i++)
            await (await gate.AcquireAsync(IPAddress.Parse($"192.0.2.{i}"), CancellationToken.None)).DisposeAsync();
        var held = await gate.AcquireAsync(IPAddress.Parse("198.51.100.1"), CancellationToken.None);
        Assert.Equal(51, gate.TrackedAddresses);

        time.Advance(TimeSpan.FromMinutes(1));
        await (await gate.AcquireAsync(IPAddress.Parse("203.0.113.1"), CancellationToken.None)).DisposeAsync();

        Assert.Equal(2, gate.TrackedAddresses);
        await held.DisposeAsync();
    }

    [Fact]
    public async Task An_address_inside_its_spacing_is_not_forgotten_so_the_spacing_holds()
    {
        var options = new ConnectionGateOptions();
        options.MinConnectionSpacing = TimeSpan.FromMinutes(5);
        options.MaxConnectionsPerSecond = 0;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));
        var gate = new LocalConnectionGate(Microsoft.Extensions.Options.Options.Create(options), time);
        var address = IPAddress.Parse("192.0.2.1");
        await (await gate.AcquireAsync(address, CancellationToken.None)).DisposeAsync();

        time.Advance(TimeSpan.FromMinutes(1));
        var again = gate.AcquireAsync(address, CancellationToken.None).AsTask();

        Assert.False(again.IsCompleted);
        time.Advance(TimeSpan.FromMinutes(4));
        await (await again).DisposeAsync();
    }

    private static (LocalConnectionGate Gate, FakeTimeProvider Time) Strict()
    {
        var options = new ConnectionGateOptions();
        options.MinConnectionSpacing = TimeSpan.FromMilliseconds(500);
        options.RetryDelay = TimeSpan.FromSeconds(10);
        options.MaxConnectionsPerSecond = 0;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));
        return (new LocalConnectionGate(Microsoft.Extensions.Options.Options.Create(options), time), time);
    }

    private static async Task<TimeSpan> ConnectAsync(LocalConnectionGate gate, FakeTimeProvider time, IPAddress address, ServerAnswer answer)
    {
        var lease = gate.AcquireAsync(address, CancellationToken.None).AsTask();
        while (!lease.IsCompleted)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(1);
        }
        await (await lease).DisposeAsync();
        return await gate.ReportAsync(address, answer, CancellationToken.None);
    }

    [Fact]
    public async Task A_put_off_makes_the_next_connection_wait_the_retry_delay()
    {
        var (gate, time) = Strict();
        var address = IPAddress.Parse("192.0.2.1");
        await ConnectAsync(gate, time, address, ServerAnswer.Accepted);

        var wait = await ConnectAsync(gate, time, address, ServerAnswer.PutOff);
        Assert.Equal(TimeSpan.FromSeconds(10), wait);

        var retry = gate.AcquireAsync(address, CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromSeconds(9.9));
        Assert.False(retry.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(100));
        await (await retry).DisposeAsync();
    }

    [Fact]
    public async Task A_learnt_spacing_holds_for_every_later_connection_and_outlives_the_sweep()
    {
        var (gate, time) = Strict();
        var address = IPAddress.Parse("192.0.2.1");
        await ConnectAsync(gate, time, address, ServerAnswer.Accepted);
        await ConnectAsync(gate, time, address, ServerAnswer.Accepted);
        await ConnectAsync(gate, time, address, ServerAnswer.PutOff);
        await ConnectAsync(gate, time, address, ServerAnswer.Accepted);

        // An hour later (a later domain on the same server), the sweep has run and the 5 s spacing still holds.
        time.Advance(TimeSpan.FromHours(1));
        await (await gate.AcquireAsync(IPAddress.Parse("198.51.100.1"), CancellationToken.None)).DisposeAsync();
        Assert.Equal(2, gate.TrackedAddresses);
        await (await gate.AcquireAsync(address, CancellationToken.None)).DisposeAsync();
        var next = gate.AcquireAsync(address, CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(100));
        await (await next).DisposeAsync();
    }

    [Fact]
    public async Task An_address_that_taught_nothing_is_forgotten_after_its_run()
    {
        var (gate, time) = Strict();
        await ConnectAsync(gate, time, IPAddress.Parse("192.0.2.1"), ServerAnswer.Accepted);
        time.Advance(AddressPace.RunMemory + TimeSpan.FromMinutes(1));
        await (await gate.AcquireAsync(IPAddress.Parse("198.51.100.1"), CancellationToken.None)).DisposeAsync();
        Assert.Equal(1, gate.TrackedAddresses);
    }
}
