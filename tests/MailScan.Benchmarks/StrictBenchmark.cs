using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MailScan.Benchmarks;

/// <summary>
/// The synthetic TLD scanned embedded without strict servers and with PCT % of its mail addresses
/// strict (`deploy/lab/cluster up N --strict PCT`: greylisting for 20 s, or a greeting 6-8 s late on
/// every connection), the latter twice: waited out within Smtp:StrictServerBudget, and with a zero
/// budget (Internet.nl's single retry). Per setup: every domain reported, the rate of the domains
/// that use no strict server (counted to the last of them, so the strict ones cannot hide in it),
/// and how many domains on strict servers keep a NOT_TESTABLE STARTTLS sub-test. Both TLDs sit
/// behind the delay relay at a 1 ms round trip, so the relay's own cost is in both; the second
/// scan of the strict TLD starts after the relay's greylisting has forgotten the scanner.
/// </summary>
public sealed class StrictBenchmark : IBenchmark
{
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(10);

    /// <summary>Longer than the relay keeps an idle client greylisted-and-passed (three times its 20 s).</summary>
    private static readonly TimeSpan GreylistForgets = TimeSpan.FromSeconds(65);

    public string Name => "strict";

    public string Description => "synthetic TLD with strict mail servers: 0 % vs PCT %, waited out vs single retry; args: N [ROUNDS=1] [PCT=5] (rebuilds the TLD)";

    private sealed record Run(string Setup, int Domains, int Reported, int Others, double OthersPerSecond, double Seconds, int OnStrict, int OnStrictNotTestable, int NotTestableTests, int OnStrictTests);

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        if (args.Count < 1 || !int.TryParse(args[0], CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            Console.Error.WriteLine("usage: strict N [ROUNDS=1] [PCT=5]");
            return 2;
        }
        var rounds = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
        var pct = args.Count > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        var root = Directory.GetCurrentDirectory();
        var waited = Profile(root, Budget);
        var single = Profile(root, TimeSpan.Zero);
        var runs = new List<Run>();
        try
        {
            for (var round = 1; round <= rounds; round++)
            {
                await RttBenchmark.ClusterUpAsync(root, count, cancellationToken, "--rtt", "1", "--strict", "0");
                runs.Add(Report(round, await ScanAsync(root, count, "0 %, waited out", waited, cancellationToken)));
                await RttBenchmark.ClusterUpAsync(root, count, cancellationToken, "--rtt", "1", "--strict", $"{pct}");
                runs.Add(Report(round, await ScanAsync(root, count, $"{pct} %, waited out", waited, cancellationToken)));
                await Task.Delay(GreylistForgets, cancellationToken);
                runs.Add(Report(round, await ScanAsync(root, count, $"{pct} %, single retry", single, cancellationToken)));
            }
        }
        finally
        {
            File.Delete(waited);
            File.Delete(single);
        }
        Print(runs, rounds, count, pct);
        return 0;
    }

    /// <summary>The lab profile with the product's retry delay and the given budget (the lab profile's short ones are for the hostile servers).</summary>
    private static string Profile(string root, TimeSpan budget)
    {
        var profile = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "deploy/lab/lab.json")))!.AsObject();
        profile["Smtp"]!["RetryDelay"] = "00:00:10";
        profile["Smtp"]!["StrictServerBudget"] = budget.ToString("c", CultureInfo.InvariantCulture);
        var path = Path.Combine(Path.GetTempPath(), $"mailscan-bench-strict-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, profile.ToJsonString());
        return path;
    }

    private static async Task<Run> ScanAsync(string root, int count, string setup, string profile, CancellationToken cancellationToken)
    {
        var strict = StrictAddresses(root);
        var started = DateTimeOffset.MaxValue;
        var othersEnd = DateTimeOffset.MinValue;
        int reported = 0, others = 0, onStrict = 0, onStrictNotTestable = 0, notTestable = 0, tests = 0;
        var domainsFile = Path.Combine(root, "deploy/lab/.state/synth/domains.txt");
        var row = await ClusterBenchmark.EmbeddedAsync(root, domainsFile, count, ["--profile", profile], cancellationToken, report =>
        {
            reported++;
            var begin = report.StartedAt.ToDateTimeOffset();
            var end = begin + report.Elapsed.ToTimeSpan();
            started = begin < started ? begin : started;
            var targets = report.Probes.Select(p => (string?)p.Target).ToHashSet();
            if (!targets.Overlaps(strict))
            {
                others++;
                othersEnd = end > othersEnd ? end : othersEnd;
                return;
            }
            onStrict++;
            var starttls = report.Categories.Single(c => c.Id == "mail_starttls");
            var statuses = starttls.Tests.Select(t => t.Status).ToList();
            tests += statuses.Count;
            notTestable += statuses.Count(s => s == MailScan.Contracts.V1.Status.NotTestable);
            onStrictNotTestable += statuses.Contains(MailScan.Contracts.V1.Status.NotTestable) ? 1 : 0;
        });
        var othersSeconds = (othersEnd - started).TotalSeconds;
        return new Run(setup, count, reported, others, others / othersSeconds, row.Seconds, onStrict, onStrictNotTestable, notTestable, tests);
    }

    /// <summary>The strict mail addresses of the TLD as built (IPv4 and IPv6, from lib/synth.awk's list).</summary>
    private static HashSet<string?> StrictAddresses(string root) =>
        File.ReadLines(Path.Combine(root, "deploy/lab/.state/synth/mail-ips.txt"))
            .Select(l => l.Split(' '))
            .Where(f => f.Length >= 5 && (f[4].StartsWith("greylist=", StringComparison.Ordinal) || f[4] is "slow=6" or "slow=7" or "slow=8"))
            .SelectMany(f => new[] { f[0], f[1] })
            .Where(a => a != "-")
            .ToHashSet<string?>();

    private static Run Report(int round, Run run)
    {
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"strict: round {round}, {run.Setup}: {run.Reported}/{run.Domains} reported, others {run.OthersPerSecond:0.0} domains/s, batch {run.Seconds:0} s, {run.OnStrictNotTestable}/{run.OnStrict} domains on strict servers with a NOT_TESTABLE STARTTLS sub-test"));
        return run;
    }

    private static void Print(List<Run> runs, int rounds, int count, int pct)
    {
        var baseline = Stats.Median(runs.Where(r => r.Setup.StartsWith("0 %", StringComparison.Ordinal)).Select(r => r.OthersPerSecond).ToList());
        Console.WriteLine($"Medians of {rounds} round{(rounds > 1 ? "s" : "")}, {count} domains, {pct} % of the mail addresses strict, embedded.");
        Console.WriteLine();
        Console.WriteLine("| strict addresses, handling | reported | other domains/s | vs 0 % | whole batch | domains on strict servers | with a NOT_TESTABLE STARTTLS sub-test | NOT_TESTABLE sub-tests |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var group in runs.GroupBy(r => r.Setup))
        {
            var last = group.Last();
            var rate = Stats.Median(group.Select(r => r.OthersPerSecond).ToList());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group.Key} | {group.Min(r => r.Reported)}/{last.Domains} | {rate:0.0} | {rate / baseline:0.00}x | {Stats.Median(group.Select(r => r.Seconds).ToList()):0} s | {last.OnStrict} | {last.OnStrictNotTestable} of {last.OnStrict} | {last.NotTestableTests} of {last.OnStrictTests} |"));
        }
    }
}
