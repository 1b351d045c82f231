using System.Diagnostics;
using System.Net;
using MailScan.Checks.Rpki;
using MailScan.Rpki;
using MailScan.Rpki.Rtr;
using Microsoft.Extensions.Logging.Abstractions;

namespace MailScan.Benchmarks;

/// <summary>
/// RPKI on a full-size synthetic table: load time and memory of the VRP set and the pfx2as
/// table, lookups per second (route + RFC 6811 state), and beside them in the same run StayRTR's
/// load of the same export, rtrdump's RTR transfer and rtrlib's rpki-rov validating the same
/// routes (its answers are also compared with ours).
/// </summary>
public sealed class RpkiBenchmark : IBenchmark
{
    public string Name => "rpki";

    public string Description => "RPKI: VRP/pfx2as load time and memory, lookups/s on a full-size synthetic table, beside StayRTR, rtrdump and rpki-rov";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        int Arg(int i, int fallback) => args.Count > i && int.TryParse(args[i], out var v) ? v : fallback;
        var (routes, vrpCount, lookups, rovQueries) = (Arg(0, 1_000_000), Arg(1, 800_000), Arg(2, 1_000_000), Arg(3, 200_000));
        var work = Directory.CreateTempSubdirectory("rpki-bench-");
        try
        {
            var clock = Stopwatch.StartNew();
            var synthetic = new SyntheticRouting(routes, vrpCount);
            var json = Path.Combine(work.FullName, "vrps.json");
            var pfx2as = Path.Combine(work.FullName, "pfx2as.txt");
            synthetic.WriteVrpJson(json);
            synthetic.WritePfx2As(pfx2as);
            Row("synthetic table", $"{synthetic.Routes.Count:N0} routes ({new FileInfo(pfx2as).Length / 1e6:0} MB pfx2as), {synthetic.Vrps.Count:N0} VRPs ({new FileInfo(json).Length / 1e6:0} MB JSON), made in {clock.Elapsed.TotalSeconds:0.0} s");

            var (vrps, table) = await MeasureLoadsAsync(json, pfx2as, cancellationToken);
            await SharedVrpMeasure.RunAsync(json, vrps, Row, LoadVrpsAsync, cancellationToken);
            MeasureLookups(synthetic, vrps, table, lookups);
            if (rovQueries > 0 && new[] { "stayrtr", "rtrdump", "rpki-rov" }.All(RpkiPeers.Installed))
                await MeasurePeersAsync(json, synthetic, vrps, rovQueries, cancellationToken);
            else
                Row("peers", "stayrtr / rtrdump / rpki-rov not installed (deploy/lab/up installs them): skipped");
            GC.KeepAlive(table);
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<(VrpSet Vrps, RouteOriginTable Table)> MeasureLoadsAsync(string json, string pfx2as, CancellationToken cancellationToken)
    {
        var loadTimes = new List<double>();
        VrpSet? vrps = null;
        for (var round = 0; round < 3; round++)
        {
            var clock = Stopwatch.StartNew();
            vrps = await LoadVrpsAsync(json, cancellationToken);
            loadTimes.Add(clock.Elapsed.TotalSeconds);
        }
        Row("VRP export load (read, parse, index)", $"median {Median(loadTimes):0.00} s of 3 ({string.Join(", ", loadTimes.Select(t => t.ToString("0.00")))})");
        Row("VRP set in memory (its arrays)", $"{vrps!.ApproximateBytes / 1e6:0} MB ({vrps.ApproximateBytes / (double)vrps.Count:0} B per VRP)");

        var tableTimes = new List<double>();
        RouteOriginTable? table = null;
        for (var round = 0; round < 3; round++)
        {
            var clock = Stopwatch.StartNew();
            table = await LoadTableAsync(pfx2as, cancellationToken);
            tableTimes.Add(clock.Elapsed.TotalSeconds);
        }
        Row("pfx2as load (read, parse, index)", $"median {Median(tableTimes):0.00} s of 3 ({string.Join(", ", tableTimes.Select(t => t.ToString("0.00")))})");
        Row("route table in memory (its arrays)", $"{table!.ApproximateBytes / 1e6:0} MB ({table.ApproximateBytes / (double)table.Count:0} B per route)");
        return (vrps, table);
    }

    private static async Task<VrpSet> LoadVrpsAsync(string json, CancellationToken cancellationToken) =>
        (await VrpExportSource.FromFile(json, TimeSpan.FromHours(1), TimeProvider.System).ReadOnceAsync(cancellationToken))!.Set!;

    private static async Task<RouteOriginTable> LoadTableAsync(string pfx2as, CancellationToken cancellationToken) =>
        RouteOriginTable.Create(pfx2as, Pfx2AsParser.Parse(await File.ReadAllTextAsync(pfx2as, cancellationToken)).Value!);

    private static void MeasureLookups(SyntheticRouting synthetic, VrpSet vrps, RouteOriginTable table, int lookups)
    {
        var random = new Random(42);
        var addresses = Enumerable.Range(0, lookups).Select(_ => RandomAddress(random, synthetic)).ToArray();
        var routes = synthetic.Routes.OrderBy(_ => random.Next()).Take(lookups).Select(r => (r.Prefix, r.Origins[0].Asn!.Value)).ToArray();
        var perAddress = new List<double>();
        var perAddressCpu = new List<double>();
        var perRoute = new List<double>();
        var perRouteCpu = new List<double>();
        var states = new int[3];
        for (var round = 0; round < 5; round++)
        {
            Array.Clear(states);
            var (clock, cpu) = (Stopwatch.StartNew(), CpuSeconds());
            foreach (var address in addresses)
            {
                var route = table.Find(address);
                if (route is null)
                    continue;
                foreach (var origin in route.Origins)
                    states[(int)vrps.StateOf(route.Prefix, origin.Asn ?? 0)]++;
            }
            perAddress.Add(addresses.Length / clock.Elapsed.TotalSeconds);
            perAddressCpu.Add(addresses.Length / (CpuSeconds() - cpu));
            (clock, cpu) = (Stopwatch.StartNew(), CpuSeconds());
            foreach (var (prefix, asn) in routes)
                vrps.StateOf(prefix, asn);
            perRoute.Add(routes.Length / clock.Elapsed.TotalSeconds);
            perRouteCpu.Add(routes.Length / (CpuSeconds() - cpu));
        }
        Row("address lookup: route (longest match) + RFC 6811 state", $"median {Median(perAddressCpu) / 1e6:0.00} M per CPU second ({1e9 / Median(perAddressCpu):0} ns), {Median(perAddress) / 1e6:0.00} M/s wall; 5 rounds, one thread, {addresses.Length:N0} addresses");
        Row("route validation (RFC 6811 state of prefix + origin)", $"median {Median(perRouteCpu) / 1e6:0.00} M per CPU second ({1e9 / Median(perRouteCpu):0} ns), {Median(perRoute) / 1e6:0.00} M/s wall");
        Row("states seen in the last round", $"valid {states[0]:N0}, invalid {states[1]:N0}, not found {states[2]:N0}");
    }

    private static async Task MeasurePeersAsync(string json, SyntheticRouting synthetic, VrpSet vrps, int rovQueries, CancellationToken cancellationToken)
    {
        var (stayrtr, cache, load) = await RpkiPeers.StartStayRtrAsync(json, cancellationToken);
        try
        {
            Row("peer: StayRTR load of the same export", $"{load.TotalSeconds:0.00} s (process start until it logged the set)");
            var ours = new List<double>();
            var theirs = new List<double>();
            for (var round = 0; round < 3; round++)
            {
                var clock = Stopwatch.StartNew();
                await using (var client = new RtrClient(cache, 1, TimeSpan.FromMinutes(2), TimeProvider.System, NullLogger.Instance))
                {
                    var result = await client.SyncAsync(cancellationToken);
                    if (result.Count != vrps.Count)
                        throw new InvalidOperationException($"RTR gave {result.Count} VRPs, the export has {vrps.Count}");
                }
                ours.Add(clock.Elapsed.TotalSeconds);
                theirs.Add((await RpkiPeers.RtrdumpAsync(cache, cancellationToken)).TotalSeconds);
            }
            Row("RTR full transfer from StayRTR: ours vs rtrdump", $"median {Median(ours):0.00} s vs {Median(theirs):0.00} s of 3 (ratio {Median(theirs) / Median(ours):0.0}x)");
            await CompareWithRpkiRovAsync(cache, synthetic, vrps, rovQueries, cancellationToken);
        }
        finally
        {
            stayrtr.Kill();
            await stayrtr.WaitForExitAsync(cancellationToken);
        }
    }

    private static async Task CompareWithRpkiRovAsync(RtrEndpoint cache, SyntheticRouting synthetic, VrpSet vrps, int count, CancellationToken cancellationToken)
    {
        var random = new Random(7);
        var queries = synthetic.Routes.OrderBy(_ => random.Next()).Take(count).Select(r => (r.Prefix, r.Origins[0].Asn!.Value)).ToList();
        var (rov, elapsed) = await RpkiPeers.RpkiRovAsync(cache, queries, cancellationToken);
        var clock = Stopwatch.StartNew();
        var ours = queries.Select(q => vrps.StateOf(q.Prefix, q.Value)).ToArray();
        var ourTime = clock.Elapsed;
        var agree = ours.Zip(rov).Count(p => p.Second == p.First switch { RouteOriginValidity.Valid => 0, RouteOriginValidity.NotFound => 1, _ => 2 });
        Row("peer: rtrlib rpki-rov validating the same routes", $"{queries.Count / elapsed.TotalSeconds / 1e3:0} k/s through its stdin/stdout vs ours {queries.Count / ourTime.TotalSeconds / 1e6:0.0} M/s in process");
        Row("agreement with rpki-rov", $"{agree:N0} of {queries.Count:N0} routes get the same state");
    }

    private static IPAddress RandomAddress(Random random, SyntheticRouting synthetic)
    {
        if (random.NextDouble() < 0.2)
            return random.Next(5) == 0 ? IpPrefix.FromBits(true, new UInt128((ulong)random.NextInt64(), (ulong)random.NextInt64()), 128).Address
                : IpPrefix.FromBits(false, (uint)random.NextInt64(uint.MaxValue), 32).Address;
        var route = synthetic.Routes[random.Next(synthetic.Routes.Count)].Prefix;
        var host = route.IsIpv6 ? new UInt128((ulong)random.NextInt64(), (ulong)random.NextInt64()) : (UInt128)(uint)random.NextInt64(uint.MaxValue);
        var width = route.Width;
        var hostMask = route.Length == width ? UInt128.Zero : (UInt128.MaxValue >> (128 - width + route.Length));
        return IpPrefix.FromBits(route.IsIpv6, route.Bits | (host & hostMask), width).Address;
    }

    // The machine is shared: CPU time is what the lookups cost, wall time what they took.
    private static double CpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    private static void Row(string what, string figure) => Console.WriteLine($"| {what} | {figure} |");

    private static double Median(List<double> samples)
    {
        var sorted = samples.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
