using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using StackExchange.Redis;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Benchmarks;

/// <summary>
/// The synthetic TLD (deploy/lab/cluster up N) scanned embedded, then by a coordinator with one
/// and with two worker processes on the lab's RabbitMQ and Redis, each from a cold cache: domains
/// per second, CPU seconds per domain, peak memory, RabbitMQ messages, Redis commands and probe
/// reuse per domain.
/// </summary>
public sealed class ClusterBenchmark : IBenchmark
{
    public string Name => "cluster";

    public string Description => "synthetic TLD: embedded vs coordinator + 1 and + 2 workers; args: [rounds] [--embedded] [--domains N] [--workers 1,2] [--connections-per-second R] (needs deploy/lab/cluster up N)";

    internal sealed record Row(string Setup, int Domains, double Seconds, double CpuSeconds, long PeakBytes, long BusMessages, long RedisCommands, long Probes, long Reused, double CoordinatorCpuSeconds = double.NaN, long ResultBytes = 0, double LabCpuSeconds = double.NaN, double MachineCpuSeconds = double.NaN);

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var root = Directory.GetCurrentDirectory();
        using var settings = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(root, "deploy/lab/cluster.json"), cancellationToken));
        var lab = settings.RootElement;
        var domainsFile = lab.GetProperty("Domains").GetString()!;
        var domains = (await File.ReadAllLinesAsync(domainsFile, cancellationToken)).Where(l => l.Length > 0).ToList();
        // --domains N scans the first N domains of the TLD (a smaller batch from a larger lab); --embedded skips the cluster setups.
        var first = args.SkipWhile(a => a != "--domains").Skip(1).FirstOrDefault();
        if (first is not null && int.TryParse(first, CultureInfo.InvariantCulture, out var n) && n > 0 && n < domains.Count)
        {
            domains = domains[..n];
            domainsFile = Path.Combine(Path.GetTempPath(), $"mailscan-bench-domains-{Guid.NewGuid():N}.txt");
            await File.WriteAllLinesAsync(domainsFile, domains, cancellationToken);
        }
        var embeddedOnly = args.Contains("--embedded");
        // --workers 1,2 (the default): the cluster setups to run, by their number of worker processes.
        var workerCounts = (args.SkipWhile(a => a != "--workers").Skip(1).FirstOrDefault() ?? "1,2")
            .Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToArray();
        var net = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(root, "deploy/lab/lab.json"), cancellationToken))
            .RootElement.GetProperty("Dns").GetProperty("Resolvers")[0].GetString()!.Split('.')[..2];
        var common = new[] { "--profile", Path.Combine(root, "deploy/lab/lab.json") };
        // --connections-per-second R: the cluster-wide SMTP connection rate for every setup (0: none),
        // for runs on the lab's own servers that measure the scanner rather than the politeness floor.
        var rate = args.SkipWhile(a => a != "--connections-per-second").Skip(1).FirstOrDefault();
        var environment = rate is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { ["MAILSCAN__Smtp__MaxConnectionsPerSecond"] = double.Parse(rate, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) };

        // Rounds interleave the setups, so a burst of load on a shared machine hits each of them alike; the table gives medians.
        var rounds = args.Count > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var r) && r > 0 ? r : 1;
        var rows = new List<Row>();
        for (var round = 1; round <= rounds; round++)
        {
            rows.Add(Report(await EmbeddedAsync(root, domainsFile, domains.Count, common, cancellationToken, environment: environment)));
            foreach (var workers in embeddedOnly ? [] : workerCounts)
                rows.Add(Report(await ClusterAsync(root, lab, string.Join('.', net), domains, common, workers, environment, cancellationToken)));
            Console.Error.WriteLine($"cluster: round {round} of {rounds} done");
        }
        if (domainsFile != lab.GetProperty("Domains").GetString())
            File.Delete(domainsFile);

        var embedded = Stats.Median(rows.Where(x => x.Setup == rows[0].Setup).Select(x => x.Domains / x.Seconds).ToList());
        Console.WriteLine($"Medians of {rounds} round{(rounds > 1 ? "s" : "")}; domains/s also as the range over the rounds and as a ratio to embedded.");
        Console.WriteLine();
        Console.WriteLine($"| setup ({domains.Count} domains) | domains/s | range | vs embedded | CPU s per domain | coordinator's share of the CPU | peak memory (all processes) | RabbitMQ messages per domain | Redis commands per domain | probe reuse | results file per domain |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var setup in rows.GroupBy(x => x.Setup))
        {
            var rates = setup.Select(x => x.Domains / x.Seconds).ToList();
            double Median(Func<Row, double> value) => Stats.Median(setup.Select(value).ToList());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {setup.Key} | {Stats.Median(rates):0.0} | {rates.Min():0.0}-{rates.Max():0.0} | {Stats.Median(rates) / embedded:0.00}x | {Median(x => x.CpuSeconds / x.Domains):0.0000} | {Share(Median(x => x.CoordinatorCpuSeconds / x.CpuSeconds))} | {Median(x => x.PeakBytes) / 1048576.0:0} MiB | {Median(x => (double)x.BusMessages / x.Domains):0.00} | {Median(x => (double)x.RedisCommands / x.Domains):0.0} | {Median(x => (double)x.Reused / x.Probes):P1} | {(setup.First().ResultBytes > 0 ? $"{Median(x => x.ResultBytes / (double)x.Domains) / 1024:0.0} KB" : "-")} |"));
        }
        return 0;
    }

    /// <summary>Each measurement as it is made, so a long run that is stopped still leaves its figures.</summary>
    private static Row Report(Row row)
    {
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cluster: {row.Setup}: {row.Domains / row.Seconds:0.0} domains/s, {row.CpuSeconds / row.Domains:0.0000} CPU s/domain (coordinator {Share(row.CoordinatorCpuSeconds / row.CpuSeconds)}), {row.PeakBytes / 1048576.0:0} MiB, {(double)row.BusMessages / row.Domains:0.00} messages/domain, {(double)row.RedisCommands / row.Domains:0.0} Redis commands/domain, reuse {(double)row.Reused / row.Probes:P1}")
            + (row.ResultBytes > 0 ? string.Create(CultureInfo.InvariantCulture, $", results file {row.ResultBytes / (double)row.Domains / 1024:0.0} KB/domain") : string.Empty)
            + (double.IsNaN(row.LabCpuSeconds) ? string.Empty : string.Create(CultureInfo.InvariantCulture,
                $", the lab's servers {row.LabCpuSeconds / row.Domains:0.0000} CPU s/domain, the whole machine {row.MachineCpuSeconds / row.Domains:0.0000} CPU s/domain ({row.MachineCpuSeconds / row.Seconds:0.00} of its cores busy)")));
        return row;
    }

    /// <summary>The coordinator's part of a setup's CPU; embedded has no coordinator of its own.</summary>
    private static string Share(double share) => double.IsNaN(share) ? "-" : share.ToString("P0", CultureInfo.InvariantCulture);

    /// <summary>One embedded batch of the domains file; <paramref name="each"/> sees every report before the file goes.</summary>
    internal static async Task<Row> EmbeddedAsync(string root, string domainsFile, int count, string[] common, CancellationToken cancellationToken, Action<MailScan.Contracts.V1.DomainReport>? each = null, Dictionary<string, string>? environment = null)
    {
        FlushResolverCache(root);
        var output = Path.Combine(Path.GetTempPath(), $"mailscan-bench-{Guid.NewGuid():N}.jsonl");
        var (labBefore, machineBefore) = (LabCpu.ByProgram(root), LabCpu.MachineSeconds());
        var clock = Stopwatch.StartNew();
        long probes = 0, reused = 0;
        await using (var meter = ProcessMeter.Start(root, ["batch", domainsFile, "--out", output, .. common], environment ?? []))
        {
            await meter.WaitForExitAsync();
            clock.Stop();
            var (labAfter, machineCpu) = (LabCpu.ByProgram(root), LabCpu.MachineSeconds() - machineBefore);
            var labCpu = labAfter.Values.Sum() - labBefore.Values.Sum();
            Console.Error.WriteLine("cluster: the lab's CPU s per domain by program: " + string.Join(", ", labAfter
                .Select(p => (p.Key, Seconds: p.Value - labBefore.GetValueOrDefault(p.Key))).Where(p => p.Seconds > 0).OrderByDescending(p => p.Seconds)
                .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Seconds / count:0.0000}"))));
            await MailScan.Cli.Stats.ResultsFileReader.ReadAsync(output, report =>
            {
                each?.Invoke(report);
                foreach (var probe in report.Probes)
                {
                    probes++;
                    reused += probe.Reused ? 1 : 0;
                }
            }, cancellationToken);
            var resultBytes = new FileInfo(output).Length;
            File.Delete(output);
            // In one process the probes run in process: no bus, no messages.
            return new Row("embedded (one process, no bus)", count, clock.Elapsed.TotalSeconds, meter.CpuSeconds, meter.PeakBytes, 0, 0, probes, reused, ResultBytes: resultBytes, LabCpuSeconds: labCpu, MachineCpuSeconds: machineCpu);
        }
    }

    private static async Task<Row> ClusterAsync(string root, JsonElement lab, string net, List<string> domains, string[] common, int workers, Dictionary<string, string> settings, CancellationToken cancellationToken)
    {
        FlushResolverCache(root);
        var environment = new Dictionary<string, string>(settings)
        {
            ["MAILSCAN__Cluster__RedisPrefix"] = $"bench-{Guid.NewGuid():N}:",
            ["MAILSCAN__Cluster__CoordinatorId"] = "bench",
        };
        string[] cluster = [.. common, "--rabbitmq", lab.GetProperty("RabbitMq").GetString()!, "--redis", lab.GetProperty("Redis").GetString()!];
        var url = $"http://{net}.50.1:5080";
        var meters = new List<ProcessMeter> { ProcessMeter.Start(root, ["coordinator", "--listen", url, .. cluster], environment) };
        for (var i = 1; i <= workers; i++)
            meters.Add(ProcessMeter.Start(root, ["worker", .. cluster], environment));
        try
        {
            using var channel = GrpcChannel.ForAddress(url);
            var client = new V1.MailScanService.MailScanServiceClient(channel);
            await WaitForCoordinatorAsync(client, cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken); // the workers' queues are bound
            using var redis = await ConnectionMultiplexer.ConnectAsync(lab.GetProperty("Redis").GetString()! + ",allowAdmin=true");
            var server = redis.GetServers()[0];
            var commandsBefore = await CommandsAsync(server);
            var statsBefore = await CommandStatsAsync(server);
            var messagesBefore = await RabbitMessagesAsync(lab);
            foreach (var meter in meters)
                meter.Sample();
            var cpuBefore = meters.Sum(m => m.CpuSeconds);
            var coordinatorBefore = meters[0].CpuSeconds;

            var clock = Stopwatch.StartNew();
            var (probes, reused) = await RunBatchAsync(client, domains, cancellationToken);
            clock.Stop();
            foreach (var meter in meters)
                meter.Sample();
            var commands = await CommandsAsync(server) - commandsBefore;
            var statsAfter = await CommandStatsAsync(server);
            Console.Error.WriteLine("cluster: Redis commands per domain by command: " + string.Join(", ", statsAfter
                .Select(s => (s.Key, Calls: s.Value - statsBefore.GetValueOrDefault(s.Key)))
                .Where(s => s.Calls > 0).OrderByDescending(s => s.Calls)
                .Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} {(double)s.Calls / domains.Count:0.0}"))));
            var sent = await RabbitMessagesAsync(lab) - messagesBefore;
            return new Row($"coordinator + {workers} worker{(workers > 1 ? "s" : "")} (RabbitMQ, Redis)", domains.Count, clock.Elapsed.TotalSeconds,
                meters.Sum(m => m.CpuSeconds) - cpuBefore, meters.Sum(m => m.PeakBytes), sent, commands, probes, reused,
                meters[0].CpuSeconds - coordinatorBefore);
        }
        finally
        {
            foreach (var meter in meters)
                await meter.DisposeAsync();
            await ForgetAsync(lab.GetProperty("Redis").GetString()!, environment["MAILSCAN__Cluster__RedisPrefix"]);
        }
    }

    /// <summary>Removes a run's keys from the lab's Redis.</summary>
    internal static async Task ForgetAsync(string configuration, string prefix)
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync(configuration);
        var keys = new List<RedisKey>();
        await foreach (var key in redis.GetServers()[0].KeysAsync(pattern: prefix + "*"))
            keys.Add(key);
        foreach (var chunk in keys.Chunk(500))
            await redis.GetDatabase().KeyDeleteAsync(chunk);
    }

    private static async Task<long> CommandsAsync(IServer server)
    {
        var info = await server.InfoAsync("stats");
        return long.Parse(info.SelectMany(g => g).First(p => p.Key == "total_commands_processed").Value, CultureInfo.InvariantCulture);
    }

    /// <summary>Calls per Redis command since it started (INFO commandstats), so the benchmark says which steps the commands per domain are.</summary>
    private static async Task<Dictionary<string, long>> CommandStatsAsync(IServer server)
    {
        var info = await server.InfoAsync("commandstats");
        return info.SelectMany(g => g).ToDictionary(
            p => p.Key.Replace("cmdstat_", string.Empty, StringComparison.Ordinal),
            p => long.Parse(p.Value.Split(',')[0].Split('=')[1], CultureInfo.InvariantCulture));
    }

    /// <summary>Submits the batch and reads every result: the probe records and how many were reused.</summary>
    internal static async Task<(long Probes, long Reused)> RunBatchAsync(V1.MailScanService.MailScanServiceClient client, List<string> domains, CancellationToken cancellationToken)
    {
        long probes = 0, reused = 0;
        await SubmitAndReadAsync(client, domains, "benchmark", report =>
        {
            probes += report.Probes.Count;
            reused += report.Probes.Count(p => p.Reused);
        }, cancellationToken);
        return (probes, reused);
    }

    /// <summary>Submits the domains as one batch, in chunks of 1 000, and hands every report to <paramref name="each"/> as it streams back; returns the batch id.</summary>
    internal static async Task<string> SubmitAndReadAsync(V1.MailScanService.MailScanServiceClient client, List<string> domains, string label, Action<V1.DomainReport> each, CancellationToken cancellationToken)
    {
        using var submit = client.SubmitBatch(cancellationToken: cancellationToken);
        foreach (var chunk in domains.Chunk(1000))
        {
            var request = new V1.SubmitBatchRequest { Label = label };
            request.Names.AddRange(chunk);
            await submit.RequestStream.WriteAsync(request, cancellationToken);
        }
        await submit.RequestStream.CompleteAsync();
        var batch = await submit.ResponseAsync;
        using var stream = client.StreamBatchResults(new V1.StreamBatchResultsRequest { BatchId = batch.BatchId }, cancellationToken: cancellationToken);
        await foreach (var result in stream.ResponseStream.ReadAllAsync(cancellationToken))
            each(result.Report);
        return batch.BatchId;
    }

    /// <summary>Messages RabbitMQ received since it started (its global counters), read with rabbitmqctl.</summary>
    private static async Task<long> RabbitMessagesAsync(JsonElement lab)
    {
        var start = new ProcessStartInfo("/usr/lib/rabbitmq/bin/rabbitmqctl", ["eval", "rabbit_global_counters:overview()."]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var variable in lab.GetProperty("RabbitEnv").EnumerateObject())
            start.Environment[variable.Name] = variable.Value.GetString();
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var match = System.Text.RegularExpressions.Regex.Match(output, @"messages_received_total => (\d+)");
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : throw new InvalidOperationException($"rabbitmqctl: {output}");
    }

    internal static async Task WaitForCoordinatorAsync(V1.MailScanService.MailScanServiceClient client, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                await client.GetBatchAsync(new V1.GetBatchRequest { BatchId = "probe" }, cancellationToken: cancellationToken);
                return;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
            {
                return;
            }
            catch (RpcException)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
        throw new TimeoutException("the coordinator did not start");
    }

    /// <summary>Every setup starts from the same resolver state: nothing of the lab's zones cached.</summary>
    internal static void FlushResolverCache(string root)
    {
        var conf = Path.Combine(root, "deploy/lab/.state/dns/unbound.conf");
        foreach (var zone in new[] { "synth", "test" })
        {
            using var flush = Process.Start(new ProcessStartInfo("unbound-control", ["-c", conf, "flush_zone", zone]) { RedirectStandardOutput = true })!;
            flush.WaitForExit();
        }
    }
}
