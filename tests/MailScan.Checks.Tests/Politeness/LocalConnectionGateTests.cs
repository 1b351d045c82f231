using System.Net;
using MailScan.Checks.Options;
using MailScan.Checks.Politeness;
using Microsoft.Extensions.Time.Testing;

namespace MailScan.Checks.Tests.Politeness;

public sealed class LocalConnectionGateTests
{
    private static (LocalConnectionGate Gate, FakeTimeProvider Time) Gate(double perSecond)
    {
        var options = new MailScanOptions();
        options.Smtp.MaxConnectionsPerSecond = perSecond;
        options.Smtp.MinConnectionSpacing = TimeSpan.Zero;
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
        var options = new MailScanOptions();
        options.Smtp.MinConnectionSpacing = TimeSpan.FromSeconds(2);
        options.Smtp.MaxConnectionsPerSecond = 0;
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
        var options = new MailScanOptions();
        options.Smtp.MinConnectionSpacing = TimeSpan.FromMinutes(5);
        options.Smtp.MaxConnectionsPerSecond = 0;
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
}
