using System.Diagnostics;
using System.Net;
using DnsClient;
using DnsClient.Protocol;
using MailScan.Checks;
using MailScan.Checks.Dnssec;
using MailScan.Checks.Options;
using MailScan.Cli.Configuration;
using MailScan.Cli.Lab;
using MailScan.Dns;
using MailScan.Dns.Dnssec;
using MailScan.Dns.Wire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace MailScan.Benchmarks;

/// <summary>
/// Validated lookups per second and CPU microseconds per validated answer, cold and warm cache:
/// our in-process validator, delv (one process per name, as a user runs it) and the lab's Unbound
/// as a validating resolver (cold: its cache flushed), on every DNSSEC name of the lab catalogue.
/// A warm pass asks every name <c>repeat</c> times (all names at once, pass after pass), so that
/// microsecond answers add up to a measurable time and Unbound's 10 ms CPU ticks to a figure.
/// </summary>
public sealed class DnssecBenchmark : IBenchmark
{
    public string Name => "dnssec";

    public string Description => "validated lookups/s and CPU µs per answer, cold and warm: mailscan vs delv vs Unbound ([rounds] [repeat])";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var root = Directory.GetCurrentDirectory();
        var options = OptionsLoader.Load(new CommandLineSettings { Profile = Path.Combine(root, "deploy/lab/lab.json") });
        var rounds = args.Count > 0 && int.TryParse(args[0], out var r) ? r : 5;
        var repeat = args.Count > 1 && int.TryParse(args[1], out var p) ? p : 25;
        var names = await NamesAsync(root, options, cancellationToken);
        Console.WriteLine($"{names.Count} names (SOA), {rounds} rounds, warm passes ask each name {repeat} times, medians");

        var rows = new List<(string Tool, string Cache, double PerSecond, double CpuMicros)>();
        foreach (var (tool, cache, lookups, run) in new (string, string, int, Func<Task<(double, double)>>)[]
        {
            ("mailscan", "cold", names.Count, () => OursAsync(options, names, warmPasses: 0, cancellationToken)),
            ("mailscan", "warm", names.Count * repeat, () => OursAsync(options, names, warmPasses: repeat, cancellationToken)),
            ("delv", "cold (per process)", names.Count, () => DelvAsync(root, options, names, cancellationToken)),
            ("unbound", "cold", names.Count, () => UnboundAsync(root, options, names, flush: true, passes: 1, cancellationToken)),
            ("unbound", "warm", names.Count * repeat, () => UnboundAsync(root, options, names, flush: false, passes: repeat, cancellationToken)),
        })
        {
            var samples = new List<(double Seconds, double Cpu)>();
            for (var i = 0; i < rounds; i++)
                samples.Add(await run());
            var seconds = Median(samples.Select(s => s.Seconds));
            var cpu = Median(samples.Select(s => s.Cpu));
            rows.Add((tool, cache, lookups / seconds, cpu / lookups * 1e6));
        }
        Console.WriteLine("| validator | cache | validated lookups/s | CPU µs per answer | lookups/s vs mailscan |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var row in rows)
        {
            var ours = rows.First(x => x.Tool == "mailscan" && x.Cache.StartsWith(row.Cache.Split(' ')[0], StringComparison.Ordinal)).PerSecond;
            Console.WriteLine($"| {row.Tool} | {row.Cache} | {row.PerSecond:0} | {row.CpuMicros:0} | {row.PerSecond / ours:0.00} |");
        }
        return 0;
    }

    private static async Task<List<string>> NamesAsync(string root, MailScanOptions options, CancellationToken cancellationToken)
    {
        await using var services = Services(options);
        var dns = services.GetRequiredService<IDnsResolver>();
        var names = new List<string>();
        foreach (var entry in Catalogue.Load(Path.Combine(root, "deploy/lab/catalogue.json")).Domains.Where(d => d.Expect.ContainsKey("mail_dnssec")))
        {
            names.Add(entry.Domain);
            var mx = await dns.QueryAsync(entry.Domain, QueryType.MX, cancellationToken);
            names.AddRange(mx.Records<MxRecord>().Select(m => m.Exchange.Value.TrimEnd('.')));
        }
        return names.Distinct().ToList();
    }

    /// <summary>Cold (no warm passes): a fresh validator (empty caches), one pass; warm: after a first pass, <paramref name="warmPasses"/> more on the same one.</summary>
    private static async Task<(double, double)> OursAsync(MailScanOptions options, List<string> names, int warmPasses, CancellationToken cancellationToken)
    {
        await using var services = Services(options);
        var validator = services.GetRequiredService<IValidatingResolver>();
        if (warmPasses > 0)
            await Task.WhenAll(names.Select(n => validator.QueryAsync(n, QueryType.SOA, cancellationToken)));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var pass = 0; pass < Math.Max(1, warmPasses); pass++)
            await Task.WhenAll(names.Select(n => validator.QueryAsync(n, QueryType.SOA, cancellationToken)));
        return (clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }

    private static async Task<(double, double)> DelvAsync(string root, MailScanOptions options, List<string> names, CancellationToken cancellationToken)
    {
        var resolver = options.Dns.Resolvers[0][..options.Dns.Resolvers[0].LastIndexOf(':')];
        // Exited children cannot be asked for their CPU; the kernel adds it to ours (cutime, cstime) once reaped.
        var cpu = ProcessCpu(Environment.ProcessId, children: true);
        var clock = Stopwatch.StartNew();
        foreach (var name in names)
        {
            var start = new ProcessStartInfo("delv") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { $"@{resolver}", "-a", Path.Combine(root, "deploy/lab/.state/dns/root.anchor.bind"), "+root=.", name, "SOA" })
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            await Task.WhenAll(process.StandardOutput.ReadToEndAsync(cancellationToken), process.StandardError.ReadToEndAsync(cancellationToken), process.WaitForExitAsync(cancellationToken));
        }
        return (clock.Elapsed.TotalSeconds, ProcessCpu(Environment.ProcessId, children: true) - cpu);
    }

    /// <summary>Unbound validates (no CD); its CPU is read from /proc. Cold flushes its caches first.</summary>
    private static async Task<(double, double)> UnboundAsync(string root, MailScanOptions options, List<string> names, bool flush, int passes, CancellationToken cancellationToken)
    {
        var state = Path.Combine(root, "deploy/lab/.state/dns");
        if (flush)
        {
            foreach (var command in new[] { "flush_zone .", "flush_bogus", "flush_negative", "flush_infra all" })
                await Process.Start("unbound-control", $"-c {state}/unbound.conf {command}")!.WaitForExitAsync(cancellationToken);
        }
        var pid = int.Parse(File.ReadAllText(Path.Combine(state, "run/unbound.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var client = new DnsWireClient(options.Dns, () => (ushort)Random.Shared.Next(65536), NullLogger<DnsWireClient>.Instance);
        var server = IPEndPoint.Parse(options.Dns.Resolvers[0]);
        var flags = new DnsQueryFlags(RecursionDesired: true, CheckingDisabled: false, DnssecOk: true, 1232);
        var questions = names.Select(n => new WireQuestion(DnsName.Parse(n), DnsRecordType.SOA)).ToList();
        var cpu = ProcessCpu(pid);
        var clock = Stopwatch.StartNew();
        for (var pass = 0; pass < passes; pass++)
            await Task.WhenAll(questions.Select(q => client.ExchangeAsync([server], q, flags, DnsTransport.Udp, cancellationToken)));
        return (clock.Elapsed.TotalSeconds, ProcessCpu(pid) - cpu);
    }

    /// <summary>utime + stime (or, for reaped children, cutime + cstime) of a process in seconds, from /proc/PID/stat (clock ticks of 1/100 s).</summary>
    private static double ProcessCpu(int pid, bool children = false)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var first = children ? 13 : 11;
        return (long.Parse(fields[first], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[first + 1], System.Globalization.CultureInfo.InvariantCulture)) / 100.0;
    }

    private static ServiceProvider Services(MailScanOptions options) =>
        new ServiceCollection().AddLogging().AddSingleton(Microsoft.Extensions.Options.Options.Create(options)).AddMailScanChecks().BuildServiceProvider();

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
