using System.Diagnostics;
using System.Text.RegularExpressions;
using MailScan.Checks.Options;
using MailScan.Checks.Scanning;
using MailScan.Checks.StartTls;
using MailScan.Checks.Targets;
using MailScan.Cli.Configuration;
using MailScan.Politeness;
using MailScan.Tls.Enumeration;
using Microsoft.Extensions.Logging.Abstractions;

namespace MailScan.Benchmarks;

/// <summary>
/// The STARTTLS evaluation of every lab MTA: SMTP connections (counted by the server, from its
/// log) and wall time, ours (verdict and full enumeration) beside sslscan and testssl.sh on the
/// same host in the same run. Needs the lab (deploy/lab/up) and LAB_INSTANCE.
/// </summary>
public sealed partial class StartTlsBenchmark : IBenchmark
{
    private static readonly string[] Hosts =
    [
        "mx-good", "mx-tls-modern", "mx-tls-legacy", "mx-tls-weak", "mx-tls-clientorder", "mx-tls-dh1024",
        "mx-tls-selfsigned", "mx-tls-expired", "mx-tls-mismatch", "mx-tls-rsa1024", "mx-tls-sha1",
    ];

    public string Name => "starttls";

    public string Description => "STARTTLS evaluation per lab MTA: connections and wall time, ours vs sslscan and testssl.sh (args: ROUNDS [--testssl])";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var root = Directory.GetCurrentDirectory();
        var rounds = args.Count > 0 && int.TryParse(args[0], out var r) ? r : 3;
        var withTestssl = args.Contains("--testssl");
        var instance = int.TryParse(Environment.GetEnvironmentVariable("LAB_INSTANCE"), out var i) ? i : 0;
        var options = OptionsLoader.Load(new CommandLineSettings { Profile = Path.Combine(root, "deploy/lab/lab.json") });
        var log = Path.Combine(root, "deploy/lab/.state/smtp/maillog");
        var tools = new List<(string Name, Func<string, Task> Run)>
        {
            ("ours (verdict)", a => OursAsync(options, a, EnumerationMode.Verdict, cancellationToken)),
            ("ours (verdict, no spacing)", a => OursAsync(options, a, EnumerationMode.Verdict, cancellationToken, TimeSpan.Zero)),
            ("ours (full)", a => OursAsync(options, a, EnumerationMode.Full, cancellationToken)),
            ("sslscan", a => ToolAsync("sslscan", ["--starttls-smtp", "--no-colour", $"{a}:25"], cancellationToken)),
        };
        if (withTestssl)
            tools.Add(("testssl.sh", a => ToolAsync("testssl", ["--quiet", "--color", "0", "--warnings", "off", "--starttls", "smtp", $"{a}:25"], cancellationToken)));

        Console.WriteLine($"| host | {string.Join(" | ", tools.Select(t => $"{t.Name}: connections, s"))} | sslscan / ours (verdict): connections, time (without spacing) |");
        Console.WriteLine($"|---|{string.Join("", tools.Select(_ => "---|"))}---|");
        foreach (var host in Hosts)
        {
            var address = HostAddress(root, instance, host);
            var cells = new List<(int Connections, double Seconds)>();
            foreach (var (name, run) in tools)
            {
                var samples = new List<(int, double)>();
                for (var round = 0; round < (name == "testssl.sh" ? 1 : rounds); round++)
                    samples.Add(await MeasureAsync(log, instance, host, () => run(address)));
                cells.Add((samples.Select(s => s.Item1).Max(), Median(samples.Select(s => s.Item2).ToList())));
            }
            Console.WriteLine($"| {host} | {string.Join(" | ", cells.Select(c => $"{c.Connections}, {c.Seconds:0.00}"))} | {(double)cells[3].Connections / cells[0].Connections:0.0}x, {cells[3].Seconds / cells[1].Seconds:0.0}x |");
        }
        return 0;
    }

    private static async Task<(int Connections, double Seconds)> MeasureAsync(string log, int instance, string host, Func<Task> run)
    {
        var before = Connections(log, instance, host);
        var clock = Stopwatch.StartNew();
        await run();
        var seconds = clock.Elapsed.TotalSeconds;
        await Task.Delay(1500); // postlogd writes the log a moment later
        return (Connections(log, instance, host) - before, seconds);
    }

    private static int Connections(string log, int instance, string host)
    {
        var marker = $"mailscan-lab-{instance}/{host}/smtpd[";
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var count = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Contains(marker, StringComparison.Ordinal) && line.Contains("]: connect from ", StringComparison.Ordinal))
                count++;
        }
        return count;
    }

    private static async Task OursAsync(MailScanOptions loaded, string address, EnumerationMode mode, CancellationToken cancellationToken, TimeSpan? spacing = null)
    {
        var (profileSpacing, profileRate) = (loaded.Smtp.MinConnectionSpacing, loaded.Smtp.MaxConnectionsPerSecond);
        loaded.Smtp.MinConnectionSpacing = spacing ?? profileSpacing;
        loaded.Smtp.MaxConnectionsPerSecond = spacing is null ? profileRate : 0; // "no spacing": no global rate either
        loaded.Tls.Enumeration = mode;
        loaded.Tls.MaxConnectionsPerIp = mode == EnumerationMode.Full ? 1000 : 25;
        var options = Microsoft.Extensions.Options.Options.Create(loaded);
        var probe = new StartTlsProbe(options, new TargetPolicy(options), new LocalConnectionGate(Microsoft.Extensions.Options.Options.Create<ConnectionGateOptions>(loaded.Smtp), TimeProvider.System), TimeProvider.System, NullLogger<StartTlsProbe>.Instance);
        var result = await probe.RunAsync(new ProbeRequest(new ProbeKey(StartTlsProbe.Name, address)), cancellationToken);
        (loaded.Smtp.MinConnectionSpacing, loaded.Smtp.MaxConnectionsPerSecond) = (profileSpacing, profileRate);
        if (result.EvidenceAs<StartTlsEvidence>()?.Tls is not { Complete: true })
            Console.Error.WriteLine($"warning: {address} {mode}: the evaluation did not complete ({result.Reason})");
    }

    private static async Task ToolAsync(string tool, string[] args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(cancellationToken), process.StandardError.ReadToEndAsync(cancellationToken));
        await process.WaitForExitAsync(cancellationToken);
        await drain;
    }

    private static string HostAddress(string root, int instance, string host)
    {
        var fields = File.ReadLines(Path.Combine(root, "deploy/lab/hosts.conf"))
            .Select(l => Whitespace().Split(l.Trim()))
            .First(f => f.Length >= 4 && f[0] == host);
        return $"127.{100 + instance}.{fields[2]}";
    }

    private static double Median(List<double> samples)
    {
        var sorted = samples.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
