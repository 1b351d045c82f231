using System.Diagnostics;
using System.Text.Json;
using MailScan.Checks.Rpki;
using MailScan.Rpki;
using StackExchange.Redis;

namespace MailScan.Benchmarks;

/// <summary>
/// The VRP set as a cluster shares it: the size of its serialised form, and the time a worker
/// takes to load a version from Redis (GET, decode, index) beside a process reading the JSON
/// export itself, interleaved round by round in the same run. Without the lab's Redis (deploy/lab/cluster up)
/// the decode alone is measured.
/// </summary>
internal static class SharedVrpMeasure
{
    public static async Task RunAsync(string json, VrpSet vrps, Action<string, string> row, Func<string, CancellationToken, Task<VrpSet>> loadJson, CancellationToken cancellationToken)
    {
        var encodeTimes = new List<double>();
        byte[] bytes = [];
        for (var round = 0; round < 3; round++)
        {
            var clock = Stopwatch.StartNew();
            bytes = VrpSetCodec.Encode(vrps);
            encodeTimes.Add(clock.Elapsed.TotalSeconds);
        }
        var jsonBytes = new FileInfo(json).Length;
        row("VRP set serialised for Redis (VrpSetCodec)", $"{bytes.Length / 1e6:0.0} MB, {bytes.Length / (double)vrps.Count:0.0} B per VRP ({jsonBytes / (double)bytes.Length:0}x smaller than the JSON export); encode median {Median(encodeTimes):0.00} s of 3");

        await using var redis = await ConnectAsync();
        var key = (RedisKey)$"bench-{Guid.NewGuid():N}:vrp:set";
        if (redis is not null)
            await redis.GetDatabase().StringSetAsync(key, bytes, TimeSpan.FromMinutes(10));
        try
        {
            var (shared, exported) = (new List<double>(), new List<double>());
            for (var round = 0; round < 3; round++)
            {
                var clock = Stopwatch.StartNew();
                var stored = redis is null ? bytes : (byte[])(await redis.GetDatabase().StringGetAsync(key))!;
                var decoded = VrpSetCodec.Decode(stored);
                if (!decoded.IsValid || decoded.Value!.Count != vrps.Count)
                    throw new InvalidOperationException($"the serialised set did not come back: {decoded.Error}");
                shared.Add(clock.Elapsed.TotalSeconds);
                clock.Restart();
                await loadJson(json, cancellationToken);
                exported.Add(clock.Elapsed.TotalSeconds);
            }
            var how = redis is null ? "decode and index (no Redis: deploy/lab/cluster up adds the GET)" : "GET from the lab's Redis, decode, index";
            row($"VRP set load in a cluster worker: {how} vs the JSON export (read, parse, index)",
                $"median **{Median(shared):0.00} s vs {Median(exported):0.00} s** of 3, interleaved ({Median(exported) / Median(shared):0.0}x faster)");
        }
        finally
        {
            if (redis is not null)
                await redis.GetDatabase().KeyDeleteAsync(key);
        }
    }

    /// <summary>The lab's Redis, if its cluster part is up.</summary>
    private static async Task<ConnectionMultiplexer?> ConnectAsync()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var settings = Path.Combine(dir.FullName, "deploy", "lab", "cluster.json");
            if (!File.Exists(settings))
                continue;
            using var lab = JsonDocument.Parse(await File.ReadAllTextAsync(settings));
            try
            {
                return await ConnectionMultiplexer.ConnectAsync(lab.RootElement.GetProperty("Redis").GetString()! + ",connectTimeout=2000");
            }
            catch (RedisConnectionException)
            {
                return null;
            }
        }
        return null;
    }

    private static double Median(List<double> samples)
    {
        var sorted = samples.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
