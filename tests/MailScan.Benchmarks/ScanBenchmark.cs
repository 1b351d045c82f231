using System.Diagnostics;
using MailScan.Checks.Input;
using MailScan.Checks.Scanning;
using MailScan.Cli;
using MailScan.Cli.Configuration;
using MailScan.Cli.Lab;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MailScan.Benchmarks;

/// <summary>Embedded scans of the lab catalogue: wall time per domain (median of several rounds).</summary>
public sealed class ScanBenchmark : IBenchmark
{
    public string Name => "scan";

    public string Description => "embedded scans of every lab catalogue domain: median wall time per domain";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var root = Directory.GetCurrentDirectory();
        var options = OptionsLoader.Load(new CommandLineSettings { Profile = Path.Combine(root, "deploy/lab/lab.json") });
        var catalogue = Catalogue.Load(Path.Combine(root, "deploy/lab/catalogue.json"));
        var rounds = args.Count > 0 && int.TryParse(args[0], out var r) ? r : 5;

        using var host = await EmbeddedHost.StartAsync(options, LogLevel.Warning, cancellationToken);
        var times = catalogue.Domains.ToDictionary(d => d.Domain, _ => new List<double>());
        for (var round = 0; round < rounds; round++)
        {
            // A fresh host per round would measure start-up; clearing nothing keeps host reuse visible instead.
            foreach (var entry in catalogue.Domains)
            {
                var scanner = host.Services.GetRequiredService<DomainScanner>();
                var clock = Stopwatch.StartNew();
                await foreach (var _ in scanner.ScanAsync(DomainName.Parse(entry.Domain), cancellationToken))
                {
                }
                times[entry.Domain].Add(clock.Elapsed.TotalMilliseconds);
            }
        }
        await host.StopAsync(cancellationToken);

        Console.WriteLine($"| domain | median ms (first round ms), {rounds} rounds |");
        Console.WriteLine("|---|---|");
        foreach (var (domain, samples) in times)
            Console.WriteLine($"| {domain} | {Stats.Median(samples):0} ({samples[0]:0}) |");
        return 0;
    }
}
