using System.Diagnostics;
using System.Net;
using MailScan.Checks;
using MailScan.Checks.Policy.Spf;
using MailScan.Cli.Configuration;
using MailScan.Cli.Lab;
using MailScan.Dns;
using Microsoft.Extensions.DependencyInjection;

namespace MailScan.Benchmarks;

/// <summary>
/// check_host() over the lab's SPF domains and four clients each: our evaluator beside spfquery
/// (Debian spf-tools-perl, Mail::SPF), both asking the lab's Unbound, in the same run.
/// </summary>
public sealed class SpfBenchmark : IBenchmark
{
    private const string Helo = "scanner.lab.test";

    public string Name => "spf";

    public string Description => "check_host() evaluations per second: ours (cold and warm DNS cache) beside spfquery";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var root = Directory.GetCurrentDirectory();
        var options = OptionsLoader.Load(new CommandLineSettings { Profile = Path.Combine(root, "deploy/lab/lab.json") });
        var resolver = options.Dns.Resolvers[0];
        var v4 = string.Join('.', resolver.Split('.').Take(2));
        var v6 = $"fd00:dead:{int.Parse(v4.Split('.')[1], System.Globalization.CultureInfo.InvariantCulture) - 100}";
        var domains = Catalogue.Load(Path.Combine(root, "deploy/lab/catalogue.json")).Domains
            .Where(d => d.Expect.ContainsKey("mail_auth_spf_exist")).Select(d => d.Domain).ToList();
        var clients = new[] { $"{v4}.25.1", "192.0.2.99", $"{v6}:25::1", "2001:db8::99" };
        var cases = domains.SelectMany(d => clients.Select(ip => (Domain: d, Ip: ip))).ToList();
        var rounds = args.Count > 0 && int.TryParse(args[0], out var r) ? r : 5;

        var cold = new List<double>();
        var warm = new List<double>();
        var theirs = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            // A new client per round: its DNS cache starts empty (cold), then the same cases again (warm).
            var dns = new ServiceCollection().AddLogging().AddSingleton(Microsoft.Extensions.Options.Options.Create(options)).AddMailScanChecks()
                .BuildServiceProvider().GetRequiredService<IDnsResolver>();
            var evaluator = new SpfEvaluator(new ResolverSpfLookup(dns), TimeProvider.System);
            cold.Add(await TimeOursAsync(evaluator, cases, cancellationToken));
            warm.Add(await TimeOursAsync(evaluator, cases, cancellationToken));
            theirs.Add(await TimeSpfqueryAsync(cases, resolver[..resolver.LastIndexOf(':')], cancellationToken));
        }

        Console.WriteLine($"{cases.Count} check_host() evaluations per round ({domains.Count} domains x {clients.Length} clients), {rounds} rounds, medians:");
        Console.WriteLine("| evaluator | ms per round | µs per evaluation | evaluations/s | vs spfquery |");
        Console.WriteLine("|---|---|---|---|---|");
        Row("ours, cold DNS cache", Stats.Median(cold), cases.Count, Stats.Median(theirs));
        Row("ours, warm DNS cache", Stats.Median(warm), cases.Count, Stats.Median(theirs));
        Row("spfquery (one process for all cases)", Stats.Median(theirs), cases.Count, Stats.Median(theirs));
        return 0;
    }

    private static async Task<double> TimeOursAsync(SpfEvaluator evaluator, IReadOnlyList<(string Domain, string Ip)> cases, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        foreach (var (domain, ip) in cases)
            await evaluator.CheckHostAsync(SpfRequest.ForMailFrom(IPAddress.Parse(ip), $"postmaster@{domain}", Helo), cancellationToken);
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<double> TimeSpfqueryAsync(IReadOnlyList<(string Domain, string Ip)> cases, string resolver, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("spfquery") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--file");
        start.ArgumentList.Add("-");
        start.Environment["RES_NAMESERVERS"] = resolver;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardInput.WriteAsync(string.Concat(cases.Select(c => $"{c.Ip} postmaster@{c.Domain} {Helo}\n")));
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        var answered = (await output).Split('\n').Count(l => l.StartsWith("Received-SPF: ", StringComparison.Ordinal));
        if (answered != cases.Count)
            throw new InvalidOperationException($"spfquery answered {answered} of {cases.Count}: {await errors}");
        return elapsed;
    }

    private static void Row(string name, double ms, int count, double reference) =>
        Console.WriteLine($"| {name} | {ms:0} | {ms * 1000 / count:0} | {count / (ms / 1000):0} | {reference / ms:0.0}x |");
}
