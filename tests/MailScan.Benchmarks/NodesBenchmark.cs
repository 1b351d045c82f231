using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Grpc.Net.Client;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Benchmarks;

/// <summary>
/// Workers as separate nodes: the coordinator and 1, 2, 4 ... workers, each in its own network
/// namespace (`deploy/lab/nodes up K`), scan the far synthetic TLD (`deploy/lab/cluster up N
/// --rtt MS`), the setups interleaved round by round. With a round trip on every exchange and a
/// fixed number of probes in flight per worker, a worker's rate is set by waiting, not by the
/// machine's cores, so the table shows how the rate grows with workers: domains/s and the ratio
/// to linear growth from one worker.
/// </summary>
public sealed class NodesBenchmark : IBenchmark
{
    public string Name => "nodes";

    public string Description => "coordinator + K workers, each in a network namespace, on the far synthetic TLD; args: N RTT [WORKERS=1,2,4] [ROUNDS=1] [PER_QUEUE=4] [MAILSCAN__Section__Key=value ...]; a setup rootK runs K workers in the root namespace";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        // Settings for every process of every setup, as environment variables (MAILSCAN__Scan__DomainConcurrency=512).
        var settings = args.Where(a => a.StartsWith("MAILSCAN__", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal))
            .ToDictionary(a => a[..a.IndexOf('=', StringComparison.Ordinal)], a => a[(a.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        args = args.Where(a => !settings.ContainsKey(a.Split('=')[0])).ToList();
        if (args.Count < 2 || !int.TryParse(args[0], CultureInfo.InvariantCulture, out var count) || !int.TryParse(args[1], CultureInfo.InvariantCulture, out var rtt))
        {
            Console.Error.WriteLine("usage: nodes N RTT [WORKERS=1,2,4] [ROUNDS=1] [PER_QUEUE=4] (a setup rootK: K workers in the root namespace)");
            return 2;
        }
        // "rootK": the coordinator and K workers in the root namespace, to see what the namespaces themselves cost.
        var setups = (args.Count > 2 ? args[2] : "1,2,4").Split(',')
            .Select(w => (Workers: int.Parse(w.StartsWith("root", StringComparison.Ordinal) ? w[4..] : w, CultureInfo.InvariantCulture), Root: w.StartsWith("root", StringComparison.Ordinal)))
            .ToList();
        var rounds = args.Count > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1;
        var perQueue = args.Count > 4 ? args[4] : "4";
        var root = Directory.GetCurrentDirectory();
        await LabAsync(root, cancellationToken, "cluster", "up", $"{count}", "--rtt", $"{rtt}");
        await LabAsync(root, cancellationToken, "nodes", "up", $"{Math.Max(1, setups.Where(s => !s.Root).Select(s => s.Workers).DefaultIfEmpty(1).Max())}");
        using var clusterJson = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(root, "deploy/lab/cluster.json"), cancellationToken));
        using var nodesJson = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(root, "deploy/lab/nodes.json"), cancellationToken));
        var lab = clusterJson.RootElement;
        var nodes = nodesJson.RootElement.GetProperty("Nodes").EnumerateArray().Select(n => (Name: n.GetProperty("Name").GetString()!, Address: n.GetProperty("Address").GetString()!)).ToList();
        var domains = (await File.ReadAllLinesAsync(lab.GetProperty("Domains").GetString()!, cancellationToken)).Where(l => l.Length > 0).ToList();

        var rows = new List<(string Setup, int Workers, double Rate, double Cpu)>();
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var (workers, inRoot) in setups)
            {
                var setup = inRoot ? $"{workers} (root namespace, no nodes)" : $"{workers}";
                var (seconds, cpu) = await ScanAsync(root, lab, inRoot ? null : nodes, workers, perQueue, domains, settings, cancellationToken);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"nodes: round {round}, {setup} worker(s): {domains.Count / seconds:0.00} domains/s, {cpu / domains.Count:0.0000} CPU s/domain"));
                rows.Add((setup, workers, domains.Count / seconds, cpu / domains.Count));
            }
        }
        var one = Stats.Median(rows.Where(r => r.Workers == setups[0].Workers && r.Setup == rows[0].Setup).Select(r => r.Rate).ToList()) / setups[0].Workers;
        Console.WriteLine($"Medians of {rounds} round{(rounds > 1 ? "s" : "")}, {domains.Count} domains, {rtt} ms round trip, {perQueue} probes in flight per queue and worker{(settings.Count > 0 ? ", " + string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}")) : string.Empty)}.");
        Console.WriteLine();
        Console.WriteLine("| workers (one namespace each) | domains/s | range | vs linear from 1 | CPU s per domain (all processes) |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var group in rows.GroupBy(r => r.Setup))
        {
            var rates = group.Select(r => r.Rate).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group.Key} | {Stats.Median(rates):0.00} | {rates.Min():0.00}-{rates.Max():0.00} | {Stats.Median(rates) / (one * group.First().Workers):0.00}x | {Stats.Median(group.Select(r => r.Cpu).ToList()):0.0000} |"));
        }
        return 0;
    }

    /// <summary>One batch of the domains on a coordinator and <paramref name="workers"/> workers, on the nodes or (nodes null) all in the root namespace.</summary>
    private static async Task<(double Seconds, double CpuSeconds)> ScanAsync(string root, JsonElement lab, List<(string Name, string Address)>? nodes, int workers, string perQueue, List<string> domains, Dictionary<string, string> settings, CancellationToken cancellationToken)
    {
        ClusterBenchmark.FlushResolverCache(root);
        var environment = new Dictionary<string, string>
        {
            ["MAILSCAN__Cluster__RedisPrefix"] = $"bench-{Guid.NewGuid():N}:",
            ["MAILSCAN__Cluster__CoordinatorId"] = "bench",
            ["MAILSCAN__Cluster__WorkerConcurrency"] = perQueue,
            // Enough domains in flight that the workers, not the coordinator, set the pace; at 1 000 the
            // coordinator's Redis calls timed out on this loaded machine ("the batch store cannot be reached").
            ["MAILSCAN__Scan__DomainConcurrency"] = "128",
            // The lab's own servers: the cluster-wide connection rate of a real scan would cap every setup alike.
            ["MAILSCAN__Smtp__MaxConnectionsPerSecond"] = "0",
        };
        foreach (var (key, value) in settings)
            environment[key] = value;
        string[] cluster = ["--profile", Path.Combine(root, "deploy/lab/lab.json"), "--rabbitmq", lab.GetProperty("RabbitMq").GetString()!, "--redis", lab.GetProperty("Redis").GetString()!];
        // In the root namespace the coordinator listens on the lab's own loopback network, as the cluster benchmark's does.
        var url = nodes is null ? $"http://{string.Join('.', lab.GetProperty("Redis").GetString()!.Split('.')[..2])}.50.1:5080" : $"http://{nodes[0].Address}:5080";
        string[]? On(int node) => nodes is null ? null : ["ip", "netns", "exec", nodes[node].Name];
        var meters = new List<ProcessMeter> { ProcessMeter.Start(root, ["coordinator", "--listen", url, "--insecure-open", .. cluster], environment, On(0)) };
        for (var i = 1; i <= workers; i++)
            meters.Add(ProcessMeter.Start(root, ["worker", .. cluster], environment, On(i)));
        try
        {
            using var channel = GrpcChannel.ForAddress(url);
            var client = new V1.MailScanService.MailScanServiceClient(channel);
            await ClusterBenchmark.WaitForCoordinatorAsync(client, cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken); // the workers' queues are bound
            foreach (var meter in meters)
                meter.Sample();
            var cpuBefore = meters.Sum(m => m.CpuSeconds);
            var clock = Stopwatch.StartNew();
            await ClusterBenchmark.RunBatchAsync(client, domains, cancellationToken);
            clock.Stop();
            foreach (var meter in meters)
                meter.Sample();
            return (clock.Elapsed.TotalSeconds, meters.Sum(m => m.CpuSeconds) - cpuBefore);
        }
        finally
        {
            foreach (var meter in meters)
                await meter.DisposeAsync();
            await ClusterBenchmark.ForgetAsync(lab.GetProperty("Redis").GetString()!, environment["MAILSCAN__Cluster__RedisPrefix"]);
        }
    }

    private static async Task LabAsync(string root, CancellationToken cancellationToken, string script, params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(root, "deploy/lab", script)) { WorkingDirectory = root };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"deploy/lab/{script} {string.Join(' ', args)} failed ({process.ExitCode})");
    }
}
