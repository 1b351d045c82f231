using Google.Protobuf;
using MailScan.Cli.Batch;
using MailScan.Lab.Tests.Support;
using StackExchange.Redis;

using V1 = MailScan.Contracts.V1;

namespace MailScan.Lab.Tests.Cluster;

/// <summary>What a cluster batch keeps of its reports: compact in Redis and in the results file, and read back as the full reports.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CompactResultsLabTests : IDisposable
{
    /// <summary>How many times smaller than the full reports' JSON lines what a batch keeps must be, in Redis and on disk (docs/BENCHMARKS.md has the bytes per domain).</summary>
    private const long Smaller = 5;
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);
    private readonly ClusterLab _lab = ClusterLab.Load();
    private readonly string _dir = Directory.CreateTempSubdirectory("mailscan-compact-").FullName;

    [Fact]
    public async Task A_cluster_batch_keeps_its_results_compact_and_stats_and_convert_answer_as_from_full_evidence()
    {
        var domains = _lab.Domains;
        var names = Path.Combine(_dir, "names.txt");
        await File.WriteAllLinesAsync(names, domains);
        await using var cluster = await LabCluster.StartAsync(_lab, workers: 1);
        var compactFile = Path.Combine(_dir, "names.results.jsonl");
        var run = await CliProcess.RunAsync(["batch", names, "--server", cluster.Url]);
        Assert.True(run.ExitCode == 0, run.Stderr + cluster.Logs());

        // The same batch read back from the coordinator: full reports, written whole as --full-evidence writes them.
        var batchId = BatchCheckpoint.Load(compactFile)!.BatchId;
        var results = new List<V1.BatchResult>();
        await BatchClient.FollowAsync(cluster.Client, batchId, 0, results);
        BatchClient.AssertExactlyOnce(domains, results, cluster.Logs());
        // Named as the compact file, in a directory of its own: the Internet.nl document carries the name.
        var fullFile = Path.Combine(Directory.CreateDirectory(Path.Combine(_dir, "full")).FullName, "names.results.jsonl");
        await File.WriteAllLinesAsync(fullFile, results.Select(r => Formatter.Format(r.Report)));
        var hosts = results.SelectMany(r => r.Report.Probes).Where(p => p.Evidence is not null && p.Kind is "smtp" or "smtp.tls" or "ns.reach" or "rpki.origin")
            .Select(p => (p.Kind, p.Target)).Distinct().Count();
        Assert.All(results.SelectMany(r => r.Report.Probes), p => Assert.Equal("", p.EvidenceRef));

        // Redis: every entry of the log is a compact report, and each host's evidence is there once for the batch.
        using var redis = await ConnectionMultiplexer.ConnectAsync(_lab.Redis);
        var db = redis.GetDatabase();
        var log = $"{cluster.Prefix}batch:{batchId}:log";
        var evidence = $"{cluster.Prefix}batch:{batchId}:evidence";
        var entries = await db.StreamRangeAsync(log);
        Assert.Equal(domains.Count, entries.Length);
        // The first reports are compressed alone ('c') until 32 of them make the primer (the 32nd, whose
        // part completes it, is already written with it); the rest with it ('z'), but for the ones in flight meanwhile.
        Assert.All(entries, e => Assert.True(e["r"].IsNull && e["p"].IsNull && e["c"].IsNull != e["z"].IsNull, "a log entry that is not a compact report"));
        var alone = entries.Count(e => !e["c"].IsNull);
        Assert.InRange(alone, 31, 32 + 2 * 32);
        Assert.Equal(hosts, await db.HashLengthAsync(evidence));
        Assert.NotNull(await db.KeyTimeToLiveAsync(evidence));
        long redisBytes = 0;
        foreach (var key in new[] { log, evidence, $"{cluster.Prefix}batch:{batchId}:primer" })
            redisBytes += (long)await db.ExecuteAsync("MEMORY", "USAGE", key, "SAMPLES", "0");
        var fullBytes = new FileInfo(fullFile).Length;
        Assert.True(redisBytes * Smaller <= fullBytes, $"{redisBytes / domains.Count} bytes per domain in Redis, against {fullBytes / domains.Count} in full");

        // The results file: gzip, compact, and as small.
        Assert.True(ResultsFileText.IsGzip(compactFile));
        Assert.True(new FileInfo(compactFile).Length * Smaller <= new FileInfo(fullFile).Length,
            $"{new FileInfo(compactFile).Length / domains.Count} bytes per domain on disk, against {new FileInfo(fullFile).Length / domains.Count} in full");

        // What a verdict's reader gets is the same from either form.
        Assert.Equal(await OutputAsync(["stats", fullFile], fullFile), await OutputAsync(["stats", compactFile], compactFile));
        var fromFull = Path.Combine(_dir, "full.internetnl.json");
        var fromCompact = Path.Combine(_dir, "compact.internetnl.json");
        await OutputAsync(["convert", fullFile, "--to", "internetnl", "--out", fromFull], fullFile);
        await OutputAsync(["convert", compactFile, "--to", "internetnl", "--out", fromCompact], compactFile);
        Assert.Equal(await File.ReadAllTextAsync(fromFull), await File.ReadAllTextAsync(fromCompact));
    }

    private static async Task<string> OutputAsync(string[] args, string file)
    {
        var run = await CliProcess.RunAsync(args);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return run.Stdout.Replace(file, "FILE", StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
