using MailScan.Checks.Rpki;
using System.Text.Json;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Lab.Tests.Cluster;

/// <summary>The Prometheus endpoints and the JSON logs of a coordinator and its workers, read against a batch's own reports.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterMetricsTests
{
    private const string ProbeCategory = "MailScan.Checks.Scanning.InProcessProbeDispatcher";
    private readonly ClusterLab _lab = ClusterLab.Load();

    [Fact]
    public async Task Metrics_of_coordinator_and_workers_agree_with_the_batch_reports()
    {
        var domains = _lab.Domains.Take(60).ToList();
        await using var cluster = await LabCluster.StartAsync(_lab, workers: 2, new Dictionary<string, string>
        {
            ["MAILSCAN__Telemetry__LogFormat"] = "json",
            [$"MAILSCAN__Telemetry__LogLevels__{ProbeCategory}"] = "Debug",
        });
        var before = await PrometheusScrape.ReadAsync(cluster.CoordinatorHealth + "/metrics");
        Assert.Equal(0, before.Sum("mailscan_domains_done_total"));

        var batch = await BatchClient.SubmitAsync(cluster.Client, domains);
        var results = new List<V1.BatchResult>();
        using var followed = new CancellationTokenSource();
        var watching = WatchDomainsDoneAsync(cluster.CoordinatorHealth, followed.Token);
        await BatchClient.FollowAsync(cluster.Client, batch.BatchId, 0, results);
        BatchClient.AssertExactlyOnce(domains, results, cluster.Logs());

        // The coordinator counts the report after logging it, so the last count may follow the stream by a moment.
        var coordinator = await ScrapeUntilAsync(cluster.CoordinatorHealth, s => s.Sum("mailscan_domains_done_total") >= domains.Count);
        await followed.CancelAsync();
        var seenDuring = await watching;
        Assert.True(seenDuring.Count > 0 && seenDuring.Zip(seenDuring.Skip(1)).All(p => p.First <= p.Second),
            $"domains done, scraped during the batch, never goes back: {string.Join(", ", seenDuring)}");
        Assert.Equal(domains.Count, coordinator.Sum("mailscan_domains_done_total", ("result", "reported")));
        Assert.Equal(0, coordinator.Sum("mailscan_domains_done_total", ("result", "failed")));
        Assert.Equal(0, coordinator.Sum("mailscan_domains_in_flight"));

        // Host evidence: every host probe of a report was one lookup; a reused one a hit.
        var probes = results.SelectMany(r => r.Report.Probes).ToList();
        var hostProbes = probes.Where(p => MailScan.Coordinator.CachingProbeDispatcher.HostKinds.Contains(p.Kind)).ToList();
        Assert.Equal(hostProbes.Count, coordinator.Sum("mailscan_cache_lookups_total", ("cache", "host")));
        Assert.Equal(hostProbes.Count(p => p.Reused), coordinator.Sum("mailscan_cache_lookups_total", ("cache", "host"), ("result", "hit")));

        // The workers ran exactly the probes the reports did not reuse, kind by kind.
        var workers = new List<PrometheusScrape>();
        for (var i = 1; i <= cluster.Workers.Count; i++)
            workers.Add(await PrometheusScrape.ReadAsync(cluster.WorkerHealth(i) + "/metrics"));
        var ran = probes.Where(p => !p.Reused).GroupBy(p => p.Kind).ToDictionary(g => g.Key, g => g.Count());
        var kinds = workers.SelectMany(w => w.LabelValues("mailscan_probes_finished_total", "kind")).Distinct().Order().ToList();
        Assert.Equal(ran.Keys.Order(), kinds);
        foreach (var (kind, count) in ran)
        {
            Assert.Equal(count, workers.Sum(w => w.Sum("mailscan_probes_finished_total", ("kind", kind))));
            Assert.Equal(count, workers.Sum(w => w.Sum("mailscan_probes_started_total", ("kind", kind))));
            Assert.Equal(count, workers.Sum(w => w.Sum("mailscan_probe_duration_seconds_count", ("kind", kind))));
        }
        Assert.True(workers.All(w => w.Sum("mailscan_probes_finished_total") > 0), "both workers took probes from the queues");

        // DNS: every name-server reachability probe asked its server twice (UDP and TCP), directly.
        Assert.True(workers.Sum(w => w.Sum("mailscan_dns_queries_total", ("resolver", "direct"))) >= 2 * ran.GetValueOrDefault("ns.reach"));
        Assert.True(workers.Sum(w => w.Sum("mailscan_dns_queries_total", ("resolver", "0"), ("rcode", "NOERROR"))) > 0, "recursive queries are counted under the configured resolver's index");
        Assert.DoesNotContain(workers.SelectMany(w => w.Samples), s => s.Labels.Keys.Any(k => k is "domain" or "address" or "target"));

        // VRPs: a process published the lab's set to Redis; each worker that validated routes loaded that one version, once.
        Assert.True(workers.Append(coordinator).Sum(p => p.Sum("mailscan_vrp_published_total")) >= 1, "no process published the VRP set");
        Assert.True(ran.ContainsKey(RouteOriginProbe.Name), "the batch validated no routes");
        foreach (var worker in workers.Where(w => w.Sum("mailscan_probes_finished_total", ("kind", RouteOriginProbe.Name)) > 0))
        {
            Assert.Equal(1, worker.Sum("mailscan_cache_lookups_total", ("cache", "vrp"), ("result", "miss")));
            Assert.True(worker.Sum("mailscan_vrp_set_timestamp_seconds") > 0, "the worker's VRP set has no load time");
        }

        // Logs: JSON, one Debug line per finished probe (the level set for that category alone), as many as the worker counted.
        for (var i = 0; i < workers.Count; i++)
        {
            var lines = JsonLines(cluster.Workers[i].Output);
            var finished = lines.Count(l => l.GetProperty("Category").GetString() == ProbeCategory && l.GetProperty("LogLevel").GetString() == "Debug");
            Assert.Equal(workers[i].Sum("mailscan_probes_finished_total"), finished);
            Assert.DoesNotContain(lines, l => l.GetProperty("LogLevel").GetString() == "Debug" && l.GetProperty("Category").GetString() != ProbeCategory);
        }
    }

    /// <summary>The process's log lines that are JSON objects; any other line that looks like one fails the test.</summary>
    private static List<JsonElement> JsonLines(string output) =>
        output.Split('\n').Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    /// <summary>The coordinator's count of domains done, scraped again and again until cancelled.</summary>
    private static async Task<List<double>> WatchDomainsDoneAsync(string health, CancellationToken cancellationToken)
    {
        var seen = new List<double>();
        while (!cancellationToken.IsCancellationRequested)
        {
            seen.Add((await PrometheusScrape.ReadAsync(health + "/metrics")).Sum("mailscan_domains_done_total"));
            await Task.Delay(100, CancellationToken.None);
        }
        return seen;
    }

    private static async Task<PrometheusScrape> ScrapeUntilAsync(string health, Func<PrometheusScrape, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var scrape = await PrometheusScrape.ReadAsync(health + "/metrics");
            if (done(scrape) || DateTime.UtcNow > until)
                return scrape;
            await Task.Delay(200);
        }
    }
}
