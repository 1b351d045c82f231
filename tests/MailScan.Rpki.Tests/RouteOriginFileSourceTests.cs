using System.Net;
using MailScan.Rpki;
using Microsoft.Extensions.Time.Testing;

namespace MailScan.Rpki.Tests;

public sealed class RouteOriginFileSourceTests : IDisposable
{
    private readonly string _path = Path.GetTempFileName();

    public void Dispose() => File.Delete(_path);

    [Fact]
    public async Task A_changed_table_is_picked_up_after_the_refresh_interval_and_a_broken_one_is_not()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        var address = IPAddress.Parse("192.0.2.1");
        File.WriteAllText(_path, "192.0.2.0\t24\t64496\n");
        var source = new RouteOriginFileSource(_path, TimeSpan.FromMinutes(10), time);
        Assert.Equal("AS64496", (await source.FindAsync(address, CancellationToken.None)).Route!.Origins[0].ToString());

        File.WriteAllText(_path, "192.0.2.0\t24\t64511\n");
        File.SetLastWriteTimeUtc(_path, DateTime.UtcNow.AddMinutes(1));
        Assert.Equal("AS64496", (await source.FindAsync(address, CancellationToken.None)).Route!.Origins[0].ToString());
        time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal("AS64511", await OriginEventuallyAsync(source, address, "AS64511"));

        File.WriteAllText(_path, "192.0.2.0\t24\tbroken\n");
        File.SetLastWriteTimeUtc(_path, DateTime.UtcNow.AddMinutes(2));
        time.Advance(TimeSpan.FromMinutes(11));
        await source.FindAsync(address, CancellationToken.None);
        await Task.Delay(200);
        Assert.Equal("AS64511", (await source.FindAsync(address, CancellationToken.None)).Route!.Origins[0].ToString());
    }

    [Fact]
    public async Task A_missing_table_makes_the_source_unavailable_with_the_reason()
    {
        File.Delete(_path);
        var lookup = await new RouteOriginFileSource(_path, TimeSpan.FromMinutes(10), TimeProvider.System).FindAsync(IPAddress.Loopback, CancellationToken.None);
        Assert.Equal(RouteLookupStatus.Unavailable, lookup.Status);
        Assert.Contains(_path, lookup.Detail);
    }

    private static async Task<string> OriginEventuallyAsync(RouteOriginFileSource source, IPAddress address, string expected)
    {
        string origin = "";
        for (var attempt = 0; attempt < 100 && origin != expected; attempt++)
        {
            origin = (await source.FindAsync(address, CancellationToken.None)).Route!.Origins[0].ToString();
            await Task.Delay(20);
        }
        return origin;
    }
}
