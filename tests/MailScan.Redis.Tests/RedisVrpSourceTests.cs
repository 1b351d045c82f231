using System.Diagnostics.Metrics;
using MailScan.Redis;
using MailScan.Rpki;
using MailScan.Telemetry;
using StackExchange.Redis;

namespace MailScan.Redis.Tests;

/// <summary>A cluster process follows the published VRP version: it loads a version once, only when the pointer moves.</summary>
public sealed class RedisVrpSourceTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Nothing_published_yet_is_no_update()
    {
        var source = new RedisVrpSource(new FakePublishedVrps(), Poll, ReadTimeout, TimeProvider.System);

        Assert.Null(await source.PollAsync(CancellationToken.None));
        Assert.Null(source.HeldVersion);
    }

    [Fact]
    public async Task A_version_is_loaded_once_and_a_new_pointer_loads_the_new_version()
    {
        var published = new FakePublishedVrps();
        published.Publish(Set("v1", "192.0.2.0/24"));
        var source = new RedisVrpSource(published, Poll, ReadTimeout, TimeProvider.System);

        var first = await source.PollAsync(CancellationToken.None);
        var again = await source.PollAsync(CancellationToken.None);
        published.Publish(Set("v2", "192.0.2.0/24", "2001:db8::/32"));
        var second = await source.PollAsync(CancellationToken.None);

        Assert.Equal("v1", first!.Set!.Info.Version);
        Assert.Null(again);
        Assert.Equal("v2", second!.Set!.Info.Version);
        Assert.Equal(2, second.Set.Count);
        Assert.Equal(["v1", "v2"], published.Reads);
    }

    [Fact]
    public async Task A_withdrawn_set_expires_and_a_later_version_replaces_it()
    {
        var published = new FakePublishedVrps();
        published.Publish(Set("v1", "192.0.2.0/24"));
        var source = new RedisVrpSource(published, Poll, ReadTimeout, TimeProvider.System);
        await source.PollAsync(CancellationToken.None);

        published.Current = RedisVrpSource.Withdrawn + "rtr://192.0.2.1:8282: no update for 7200 s";
        var withdrawn = await source.PollAsync(CancellationToken.None);
        var still = await source.PollAsync(CancellationToken.None);
        published.Publish(Set("v3", "198.51.100.0/24"));
        var back = await source.PollAsync(CancellationToken.None);

        Assert.True(withdrawn!.Expired);
        Assert.Null(withdrawn.Set);
        Assert.Contains("no update for 7200 s", withdrawn.Error);
        Assert.Null(still);
        Assert.Equal("v3", back!.Set!.Info.Version);
    }

    [Fact]
    public async Task A_version_gone_before_it_was_read_fails_and_is_read_on_the_next_poll()
    {
        var published = new FakePublishedVrps { Current = "v1" };
        var source = new RedisVrpSource(published, Poll, ReadTimeout, TimeProvider.System);

        var gone = await source.PollAsync(CancellationToken.None);
        published.Publish(Set("v1", "192.0.2.0/24"));
        var loaded = await source.PollAsync(CancellationToken.None);

        Assert.Null(gone!.Set);
        Assert.False(gone.Expired);
        Assert.Contains("version v1 is gone", gone.Error);
        Assert.Equal("v1", loaded!.Set!.Info.Version);
    }

    [Fact]
    public async Task Bytes_that_are_no_vrp_set_fail_with_the_position_and_are_not_fetched_again()
    {
        var published = new FakePublishedVrps { Current = "v1" };
        published.Versions["v1"] = [.. "MSVRP"u8, 1, 0];
        var source = new RedisVrpSource(published, Poll, ReadTimeout, TimeProvider.System);

        var bad = await source.PollAsync(CancellationToken.None);
        var again = await source.PollAsync(CancellationToken.None);

        Assert.Contains("version v1: byte ", bad!.Error);
        Assert.Null(bad.Set);
        Assert.Null(again);
        Assert.Single(published.Reads);
    }

    [Fact]
    public async Task Redis_away_or_silent_is_a_failure_that_names_the_cause()
    {
        var away = new RedisVrpSource(new FakePublishedVrps { Fault = new RedisException("SocketFailure on GET") },
            Poll, ReadTimeout, TimeProvider.System);
        var silent = new RedisVrpSource(new FakePublishedVrps { Silent = true }, Poll, TimeSpan.FromMilliseconds(50), TimeProvider.System);

        var failed = await away.PollAsync(CancellationToken.None);
        var timedOut = await silent.PollAsync(CancellationToken.None);

        Assert.Contains("SocketFailure on GET", failed!.Error);
        Assert.Contains("no answer within 0.05 s", timedOut!.Error);
        Assert.False(failed.Expired || timedOut.Expired);
    }

    [Fact]
    public async Task Polls_count_as_vrp_cache_hits_and_loads_as_misses()
    {
        var published = new FakePublishedVrps();
        published.Publish(Set("v1", "192.0.2.0/24"));
        var source = new RedisVrpSource(published, Poll, ReadTimeout, TimeProvider.System);
        var counted = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MailScanMetrics.MeterName && instrument.Name == "mailscan.cache.lookups")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var labels = tags.ToArray().ToDictionary(t => t.Key, t => t.Value as string);
            if (labels["cache"] == "vrp")
                lock (counted)
                    counted.Add(labels["result"]!);
        });
        listener.Start();

        await source.PollAsync(CancellationToken.None);
        await source.PollAsync(CancellationToken.None);
        await source.PollAsync(CancellationToken.None);

        Assert.Equal(["miss", "hit", "hit"], counted);
    }

    private static VrpSet Set(string version, params string[] prefixes) =>
        VrpSet.Create(new VrpSetInfo("/var/lib/rpki/vrps.json", version, DateTimeOffset.FromUnixTimeSeconds(1_790_000_000)),
            prefixes.Select(p => new Vrp(IpPrefix.Parse(p), IpPrefix.Parse(p).Length, 64500)));

    private sealed class FakePublishedVrps : IPublishedVrps
    {
        public string? Current { get; set; }

        public Dictionary<string, byte[]> Versions { get; } = [];

        public List<string> Reads { get; } = [];

        public Exception? Fault { get; init; }

        public bool Silent { get; init; }

        public string Location => "redis:test:vrp:current";

        public void Publish(VrpSet set)
        {
            Versions[set.Info.Version] = VrpSetCodec.Encode(set);
            Current = set.Info.Version;
        }

        public async Task<string?> CurrentVersionAsync(CancellationToken cancellationToken)
        {
            if (Silent)
                await Task.Delay(Timeout.Infinite, cancellationToken);
            return Fault is null ? Current : throw Fault;
        }

        public Task<byte[]?> ReadAsync(string version, CancellationToken cancellationToken)
        {
            Reads.Add(version);
            return Task.FromResult(Versions.GetValueOrDefault(version));
        }
    }
}
