using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MailScan.Lab.Tests.Support.Hostile;

/// <summary>
/// Runs the scans of the hostile lab at once (a few command-line processes at a time), each under
/// /usr/bin/time for its peak memory, with short timeouts set through a profile. Each test awaits
/// its own scan, so the slow hostile servers overlap instead of adding up.
/// </summary>
public sealed class HostileScans : IDisposable
{
    /// <summary>Timeouts short enough for tests, long enough for the lab's good servers.</summary>
    private static readonly Dictionary<string, Dictionary<string, string>> ShortTimeouts = new()
    {
        ["Smtp"] = new() { ["ConnectTimeout"] = "00:00:02", ["BannerTimeout"] = "00:00:03", ["CommandTimeout"] = "00:00:03", ["RetryDelay"] = "00:00:00.5" },
        // 3 s: a 64 KiB answer over TCP from the hostile server outlasted 1 s on a loaded machine.
        ["Dns"] = new() { ["QueryTimeout"] = "00:00:03" },
        ["Scan"] = new() { ["ProbeTimeout"] = "00:00:30", ["DomainTimeout"] = "00:01:00" },
        // Shorter than the probe timeout, so an RTR cache that never ends is cut off by our RTR limits, not by the probe's.
        ["Rpki"] = new() { ["FetchTimeout"] = "00:00:10" },
    };

    private readonly ConcurrentDictionary<string, Lazy<Task<HostileScan>>> _scans = new();
    private readonly SemaphoreSlim _running = new(4);

    public HostileScans()
    {
        var profile = JsonNode.Parse(File.ReadAllText(LabEnvironment.ProfilePath))!.AsObject();
        foreach (var (section, values) in ShortTimeouts)
        {
            var node = profile[section] as JsonObject ?? new JsonObject();
            foreach (var (key, value) in values)
                node[key] = value;
            profile[section] = node;
        }
        ProfilePath = Path.Combine(Path.GetTempPath(), $"mailscan-hostile-{Guid.NewGuid():N}.json");
        File.WriteAllText(ProfilePath, profile.ToJsonString());
        // Start every scan now, so they run while the first tests wait.
        foreach (var (domain, resolver, rtr) in All)
            _ = Scan(domain, resolver, rtr);
    }

    /// <summary>The hostile domains, each with the hostile resolver to scan it through (null: the lab's).</summary>
    private static readonly (string Domain, string? Resolver)[] Domains =
    [
        ("hostile-nobanner.test", null), ("hostile-slowbanner.test", null), ("hostile-endless.test", null),
        ("hostile-hugeline.test", null), ("hostile-plaintls.test", null), ("hostile-tlsgarbage.test", null),
        ("hostile-badhello.test", null), ("hostile-reset.test", null), ("hostile-421.test", null),
        ("hostile-silent.test", null), ("hostile-tlsreply.test", null), ("hostile-tlsflood.test", null), ("hostile-cnameloop.test", null), ("hostile-txtbomb.test", null),
        ("hostile-spfbomb.test", null), ("hostile-mtasts.test", null), ("hostile-ns.test", null),
        ("hostile-nsself.test", null),
        ("ipv6-good.test", "dns-tcphang"), ("ipv6-good.test", "dns-ptrloop"), ("ipv6-good.test", "dns-huge"),
        ("ipv6-good.test", "dns-wrongid"), ("ipv6-good.test", "dns-txtbomb"), ("ipv6-good.test", "dns-cnameloop"),
        ("ipv6-good.test", "dns-servfail"),
    ];

    /// <summary>Every scan the hostile tests make: a domain, the hostile resolver and RTR cache to use (null: the lab's).</summary>
    public static IReadOnlyList<(string Domain, string? Resolver, string? Rtr)> All { get; } =
    [.. Domains.Select(d => (d.Domain, d.Resolver, (string?)null)), ("hostile-spfbomb.test", null, "rtr-garbage"), ("hostile-spfbomb.test", null, "rtr-flood")];

    public string ProfilePath { get; }

    /// <summary>The scan of a domain, through the lab hosts (hosts.conf) <paramref name="resolver"/> and <paramref name="rtr"/> when given.</summary>
    public Task<HostileScan> Scan(string domain, string? resolver = null, string? rtr = null) =>
        _scans.GetOrAdd($"{domain}@{resolver}@{rtr}", _ => new Lazy<Task<HostileScan>>(() => RunAsync(domain, resolver, rtr))).Value;

    private async Task<HostileScan> RunAsync(string domain, string? resolver, string? rtr)
    {
        await _running.WaitAsync().ConfigureAwait(false);
        var peak = Path.GetTempFileName();
        try
        {
            List<string> args = ["scan", domain, "--profile", ProfilePath, "--json"];
            if (resolver is not null)
                args.AddRange(["--resolver", LabHosts.V4(resolver)]);
            if (rtr is not null)
                args.AddRange(["--rtr", $"{LabHosts.V4(rtr)}:8282"]);
            var result = await CliProcess.RunAsync(args, wrapper: "/usr/bin/time", wrapperArgs: ["-f", "%M", "-o", peak]).ConfigureAwait(false);
            var kib = long.Parse((await File.ReadAllLinesAsync(peak).ConfigureAwait(false)).Last(l => l.Length > 0), System.Globalization.CultureInfo.InvariantCulture);
            JsonElement? report = result.Stdout.TrimStart().StartsWith('{') ? JsonDocument.Parse(result.Stdout).RootElement : null;
            return new HostileScan(result.ExitCode, report, result.Stderr, kib);
        }
        finally
        {
            File.Delete(peak);
            _running.Release();
        }
    }

    public void Dispose()
    {
        File.Delete(ProfilePath);
        _running.Dispose();
    }
}
