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
}
