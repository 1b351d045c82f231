using System.Text.Json;
using System.Threading.Channels;
using MailScan.Checks.Rpki;
using MailScan.Redis;
using MailScan.Redis.Hosting;
using MailScan.Rpki;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace MailScan.Lab.Tests.Cluster;

/// <summary>
/// The VRP set shared through the lab's Redis: one publisher follows the VRP export and writes
/// each version, worker-side stores (each with its own connection, as separate processes would
/// have) read it, follow a new version, and a second publisher takes over when the first stops.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SharedVrpTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(200);
    private static readonly string LabVrps = Path.Combine(LabEnvironment.RpkiStatePath, "vrps.json");
    private static readonly Vrp Added = new(IpPrefix.Parse("192.0.2.0/24"), 24, 64511);

    private readonly ClusterLab _lab = ClusterLab.Load();
    private readonly RedisKeys _keys = new(new ClusterOptions { RedisPrefix = $"test-{Guid.NewGuid():N}:" });
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("mailscan-vrps-");
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly List<ConnectionMultiplexer> _connections = [];

    private string Export => Path.Combine(_work.FullName, "vrps.json");

    public Task InitializeAsync()
    {
        File.Copy(LabVrps, Export);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Two_workers_read_the_set_the_publisher_wrote_equal_to_the_lab_file()
    {
        await StartPublisherAsync();
        var (first, second) = (await StartWorkerStoreAsync(), await StartWorkerStoreAsync());

        var direct = (await VrpExportSource.FromFile(LabVrps, Refresh, TimeProvider.System).ReadOnceAsync(CancellationToken.None))!.Set!;
        foreach (var store in new[] { first, second })
        {
            var snapshot = await store.GetAsync(CancellationToken.None);
            Assert.True(snapshot.Set is not null, snapshot.Error);
            Assert.Equal(direct.All(), snapshot.Set.All());
            Assert.Equal(direct.Info.Version, snapshot.Set.Info.Version);
            Assert.Equal(Path.GetFullPath(Export), snapshot.Set.Info.Source);
            Assert.True(direct.Ipv4Count < direct.Count, "the lab's VRPs have IPv6 prefixes too");
        }
    }

    [Fact]
    public async Task After_the_publisher_sees_a_changed_export_workers_move_to_the_new_version()
    {
        await StartPublisherAsync();
        var worker = await StartWorkerStoreAsync();
        var before = (await worker.GetAsync(CancellationToken.None)).Set!;

        WriteExportWith(Added);
        var after = await WaitForVersionAfterAsync(worker, before.Info.Version);

        Assert.Equal(before.Count + 1, after.Count);
        Assert.Contains(Added, after.All());
        Assert.Equal(RouteOriginValidity.Valid, after.StateOf(Added.Prefix, Added.Asn));
    }

    [Fact]
    public async Task When_the_publisher_stops_a_second_one_takes_the_lease_and_follows_the_export()
    {
        var (one, two) = (await StartPublisherAsync(), await StartPublisherAsync());
        var worker = await StartWorkerStoreAsync();
        var before = (await worker.GetAsync(CancellationToken.None)).Set!;
        Assert.True(one.IsPublishing ^ two.IsPublishing, "exactly one publisher holds the lease");
        var (holder, waiting) = one.IsPublishing ? (one, two) : (two, one);

        await holder.StopAsync(CancellationToken.None);
        await WaitUntilAsync(() => waiting.IsPublishing, "the second publisher did not take the lease");
        WriteExportWith(Added);
        var after = await WaitForVersionAfterAsync(worker, before.Info.Version);

        Assert.False(holder.IsPublishing);
        Assert.Contains(Added, after.All());
    }

    [Fact]
    public async Task Rtr_data_that_expired_at_the_publisher_is_withdrawn_from_the_workers()
    {
        var rtr = Channel.CreateUnbounded<VrpSourceUpdate>();
        var set = VrpSet.Create(new VrpSetInfo("rtr://192.0.2.1:8282", "session 7 serial 1", DateTimeOffset.UtcNow) { RtrSession = 7, RtrSerial = 1 }, [Added]);
        rtr.Writer.TryWrite(VrpSourceUpdate.Loaded(set));
        await StartPublisherAsync(() => new ScriptedSource(rtr.Reader));
        var worker = await StartWorkerStoreAsync();
        Assert.Equal(set.All(), (await worker.GetAsync(CancellationToken.None)).Set!.All());

        rtr.Writer.TryWrite(VrpSourceUpdate.Expire("rtr://192.0.2.1:8282: no update for 7200 s"));
        await WaitUntilAsync(() => worker.Current.Set is null, "the worker still uses expired RTR data");

        Assert.Contains("no update for 7200 s", worker.Current.Error);
    }

    private Task<VrpPublisher> StartPublisherAsync() => StartPublisherAsync(() => VrpExportSource.FromFile(Export, Refresh, TimeProvider.System));

    private async Task<VrpPublisher> StartPublisherAsync(Func<IVrpSource> source)
    {
        var redis = await ConnectAsync();
        var publisher = new VrpPublisher(source, redis, _keys, TimeProvider.System, NullLogger<VrpPublisher>.Instance)
        {
            TakeOverEvery = TimeSpan.FromMilliseconds(200),
        };
        await publisher.StartAsync(CancellationToken.None);
        _owned.Add(new StoppedPublisher(publisher));
        return publisher;
    }

    private async Task<VrpStore> StartWorkerStoreAsync()
    {
        var redis = await ConnectAsync();
        var options = new RpkiOptions { LoadTimeout = Patience };
        var source = new RedisVrpSource(new RedisPublishedVrps(redis, _keys), TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10), TimeProvider.System);
        var store = new VrpStore(source, Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, NullLogger<VrpStore>.Instance);
        _owned.Add(store);
        return store;
    }

    private async Task<ConnectionMultiplexer> ConnectAsync()
    {
        var redis = await ConnectionMultiplexer.ConnectAsync(_lab.Redis);
        _connections.Add(redis);
        return redis;
    }

    /// <summary>Rewrites the export as the lab's VRPs plus one, with a new modification time.</summary>
    private void WriteExportWith(Vrp extra)
    {
        var parsed = VrpJsonParser.Parse(File.ReadAllBytes(LabVrps));
        Assert.True(parsed.IsValid, parsed.Error?.ToString());
        using (var stream = File.Create(Export))
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteStartArray("roas");
            foreach (var vrp in parsed.Value!.Vrps.Append(extra))
            {
                json.WriteStartObject();
                json.WriteString("prefix", vrp.Prefix.ToString());
                json.WriteNumber("maxLength", vrp.MaxLength);
                json.WriteString("asn", $"AS{vrp.Asn}");
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        File.SetLastWriteTimeUtc(Export, DateTime.UtcNow.AddMinutes(1));
    }

    private static async Task<VrpSet> WaitForVersionAfterAsync(VrpStore store, string version)
    {
        await WaitUntilAsync(() => store.Current.Set is { } set && set.Info.Version != version, $"the worker still holds version {version}");
        return store.Current.Set!;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string failure)
    {
        var until = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, failure);
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var owned in _owned)
            await owned.DisposeAsync();
        var redis = _connections.FirstOrDefault() ?? await ConnectAsync();
        var prefix = _keys.VrpCurrent.ToString()[..^"vrp:current".Length];
        var keys = new List<RedisKey>();
        await foreach (var key in redis.GetServers()[0].KeysAsync(pattern: prefix + "*"))
            keys.Add(key);
        if (keys.Count > 0)
            await redis.GetDatabase().KeyDeleteAsync([.. keys]);
        foreach (var connection in _connections)
            await connection.DisposeAsync();
        _work.Delete(recursive: true);
    }

    /// <summary>A source that says what the test writes, as an RTR cache's client would.</summary>
    private sealed class ScriptedSource(ChannelReader<VrpSourceUpdate> updates) : IVrpSource
    {
        public string Location => "rtr://192.0.2.1:8282";

        public IAsyncEnumerable<VrpSourceUpdate> WatchAsync(CancellationToken cancellationToken) => updates.ReadAllAsync(cancellationToken);
    }

    private sealed class StoppedPublisher(VrpPublisher publisher) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await publisher.StopAsync(CancellationToken.None);
            publisher.Dispose();
        }
    }
}
