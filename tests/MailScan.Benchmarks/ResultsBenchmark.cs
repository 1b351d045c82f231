using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using MailScan.Cli.Stats;
using StackExchange.Redis;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Benchmarks;

/// <summary>
/// Bytes of results per domain, compact against full evidence, from one scan of the synthetic TLD
/// each: the results file of an embedded `mailscan batch` beside the same reports one whole report a
/// line (what `--full-evidence` and every version before compact results write), and the Redis
/// result log of a coordinator and a worker (the log, the batch's host evidence and its primer, `MEMORY USAGE`)
/// beside a stream of the same reports as full protobuf bytes, as the log kept them before.
/// </summary>
public sealed class ResultsBenchmark : IBenchmark
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);

    public string Name => "results";

    public string Description => "bytes of results per domain on disk and in Redis, compact vs full evidence; args: [--domains N] (needs deploy/lab/cluster up N)";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var root = Directory.GetCurrentDirectory();
        using var settings = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(root, "deploy/lab/cluster.json"), cancellationToken));
        var lab = settings.RootElement;
        var domains = (await File.ReadAllLinesAsync(lab.GetProperty("Domains").GetString()!, cancellationToken)).Where(l => l.Length > 0).ToList();
        var first = args.SkipWhile(a => a != "--domains").Skip(1).FirstOrDefault();
        if (first is not null && int.TryParse(first, CultureInfo.InvariantCulture, out var n) && n > 0 && n < domains.Count)
            domains = domains[..n];
        var common = new[] { "--profile", Path.Combine(root, "deploy/lab/lab.json") };

        var (compactFile, fullFile) = await FileBytesAsync(root, domains, common, cancellationToken);
        Console.Error.WriteLine($"results: file {compactFile} compact, {fullFile} full");
        var (compactRedis, fullRedis) = await RedisBytesAsync(root, lab, domains, common, cancellationToken);
        Console.Error.WriteLine($"results: Redis {compactRedis} compact, {fullRedis} full");

        Console.WriteLine($"| where ({domains.Count} domains) | full evidence, bytes per domain | compact (default), bytes per domain | ratio |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine(Row("results file (JSONL)", fullFile, compactFile, domains.Count));
        Console.WriteLine(Row("Redis result log (`MEMORY USAGE`)", fullRedis, compactRedis, domains.Count));
        return 0;
    }

    private static string Row(string where, long full, long compact, int count) =>
        string.Create(CultureInfo.InvariantCulture, $"| {where} | {full / (double)count:N0} | {compact / (double)count:N0} | {full / (double)compact:0.0}x |");

    /// <summary>The compact results file of an embedded batch, and the same reports written whole, one a line.</summary>
    private static async Task<(long Compact, long Full)> FileBytesAsync(string root, List<string> domains, string[] common, CancellationToken cancellationToken)
    {
        ClusterBenchmark.FlushResolverCache(root);
        var names = Path.Combine(Path.GetTempPath(), $"mailscan-results-bench-{Guid.NewGuid():N}.txt");
        var compact = Path.ChangeExtension(names, ".results.jsonl");
        var full = Path.ChangeExtension(names, ".full.jsonl");
        try
        {
            await File.WriteAllLinesAsync(names, domains, cancellationToken);
            await using (var meter = ProcessMeter.Start(root, ["batch", names, "--out", compact, .. common], new Dictionary<string, string>()))
                await meter.WaitForExitAsync();
            await using (var writer = new StreamWriter(full))
            {
                await ResultsFileReader.ReadAsync(compact, report => writer.WriteLine(Formatter.Format(report)), cancellationToken);
            }
            return (new FileInfo(compact).Length, new FileInfo(full).Length);
        }
        finally
        {
            foreach (var file in new[] { names, compact, full })
                File.Delete(file);
        }
    }

    /// <summary>What a coordinator's batch keeps in Redis (log and host evidence), and a stream of the same reports whole.</summary>
    private static async Task<(long Compact, long Full)> RedisBytesAsync(string root, JsonElement lab, List<string> domains, string[] common, CancellationToken cancellationToken)
    {
        ClusterBenchmark.FlushResolverCache(root);
        var prefix = $"bench-{Guid.NewGuid():N}:";
        var environment = new Dictionary<string, string> { ["MAILSCAN__Cluster__RedisPrefix"] = prefix, ["MAILSCAN__Cluster__CoordinatorId"] = "bench" };
        var configuration = lab.GetProperty("Redis").GetString()!;
        string[] cluster = [.. common, "--rabbitmq", lab.GetProperty("RabbitMq").GetString()!, "--redis", configuration];
        var net = string.Join('.', configuration.Split('.')[..2]);
        var url = $"http://{net}.50.1:5080";
        var meters = new List<ProcessMeter> { ProcessMeter.Start(root, ["coordinator", "--listen", url, .. cluster], environment), ProcessMeter.Start(root, ["worker", .. cluster], environment) };
        try
        {
            using var channel = GrpcChannel.ForAddress(url);
            var client = new V1.MailScanService.MailScanServiceClient(channel);
            await ClusterBenchmark.WaitForCoordinatorAsync(client, cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken); // the worker's queues are bound
            var (batchId, reports) = await RunBatchAsync(client, domains, cancellationToken);

            using var redis = await ConnectionMultiplexer.ConnectAsync(configuration);
            var db = redis.GetDatabase();
            long compact = 0;
            foreach (var part in new[] { "log", "evidence", "primer" })
            {
                var bytes = await MemoryUsageAsync(db, $"{prefix}batch:{batchId}:{part}");
                Console.Error.WriteLine($"results: Redis {part}: {bytes} bytes, {bytes / domains.Count} per domain");
                compact += bytes;
            }
            var before = $"{prefix}bench:full-log";
            var cursor = 0;
            foreach (var report in reports)
                await db.StreamAddAsync(before, "r", report.ToByteArray(), $"{++cursor}-1");
            return (compact, await MemoryUsageAsync(db, before));
        }
        finally
        {
            foreach (var meter in meters)
                await meter.DisposeAsync();
            await ClusterBenchmark.ForgetAsync(configuration, prefix);
        }
    }

    private static async Task<long> MemoryUsageAsync(IDatabase db, string key) =>
        (long)await db.ExecuteAsync("MEMORY", "USAGE", key, "SAMPLES", "0");

    private static async Task<(string BatchId, List<V1.DomainReport> Reports)> RunBatchAsync(V1.MailScanService.MailScanServiceClient client, List<string> domains, CancellationToken cancellationToken)
    {
        var reports = new List<V1.DomainReport>();
        var batchId = await ClusterBenchmark.SubmitAndReadAsync(client, domains, "results benchmark", reports.Add, cancellationToken);
        return (batchId, reports);
    }
}
