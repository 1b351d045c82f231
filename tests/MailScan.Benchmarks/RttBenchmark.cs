using System.Diagnostics;
using System.Globalization;

namespace MailScan.Benchmarks;

/// <summary>
/// The synthetic TLD scanned embedded with its name and mail servers near (no round trip) and
/// far (behind the lab's delay relay, `deploy/lab/cluster up N --rtt MS`), the settings
/// interleaved round by round so load on a shared machine hits them alike: what latency costs
/// the rate, and the CPU per domain it does not change.
/// </summary>
public sealed class RttBenchmark : IBenchmark
{
    public string Name => "rtt";

    public string Description => "synthetic TLD embedded at several round trips; args: N [RTTS=0,50] [ROUNDS=1] [TAIL=0] (rebuilds the TLD for each)";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        if (args.Count < 1 || !int.TryParse(args[0], CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            Console.Error.WriteLine("usage: rtt N [RTTS=0,50] [ROUNDS=1] [TAIL=0]");
            return 2;
        }
        var rtts = (args.Count > 1 ? args[1] : "0,50").Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToList();
        var rounds = args.Count > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
        var tail = args.Count > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 0;
        var root = Directory.GetCurrentDirectory();
        var common = new[] { "--profile", Path.Combine(root, "deploy/lab/lab.json") };
        var rows = new List<(int Rtt, ClusterBenchmark.Row Row)>();
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var rtt in rtts)
            {
                await ClusterUpAsync(root, count, cancellationToken, "--rtt", $"{rtt}", "--tail", $"{tail}");
                var domainsFile = Path.Combine(root, "deploy/lab/.state/synth/domains.txt");
                var row = await ClusterBenchmark.EmbeddedAsync(root, domainsFile, count, common, cancellationToken);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"rtt: round {round}, {rtt} ms: {row.Domains / row.Seconds:0.0} domains/s, {row.CpuSeconds / row.Domains:0.0000} CPU s/domain, {row.PeakBytes / 1048576.0:0} MiB"));
                rows.Add((rtt, row));
            }
        }
        var near = Stats.Median(rows.Where(r => r.Rtt == rtts[0]).Select(r => r.Row.Domains / r.Row.Seconds).ToList());
        Console.WriteLine($"Medians of {rounds} round{(rounds > 1 ? "s" : "")}, {count} domains, tail {tail} %.");
        Console.WriteLine();
        Console.WriteLine($"| round trip | domains/s | range | vs {rtts[0]} ms | CPU s per domain | peak memory |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var group in rows.GroupBy(r => r.Rtt))
        {
            var rates = group.Select(r => r.Row.Domains / r.Row.Seconds).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group.Key} ms | {Stats.Median(rates):0.0} | {rates.Min():0.0}-{rates.Max():0.0} | {Stats.Median(rates) / near:0.00}x | {Stats.Median(group.Select(r => r.Row.CpuSeconds / r.Row.Domains).ToList()):0.0000} | {Stats.Median(group.Select(r => (double)r.Row.PeakBytes).ToList()) / 1048576.0:0} MiB |"));
        }
        return 0;
    }

    /// <summary>Rebuilds the synthetic TLD: <c>deploy/lab/cluster up N OPTIONS</c>.</summary>
    internal static async Task ClusterUpAsync(string root, int count, CancellationToken cancellationToken, params string[] options)
    {
        var start = new ProcessStartInfo(Path.Combine(root, "deploy/lab/cluster")) { WorkingDirectory = root };
        foreach (var arg in new[] { "up", $"{count}" }.Concat(options))
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"deploy/lab/cluster up {count} {string.Join(' ', options)} failed ({process.ExitCode})");
    }
}
