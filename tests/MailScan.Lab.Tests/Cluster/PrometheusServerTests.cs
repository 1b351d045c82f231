using V1 = MailScan.Contracts.V1;

namespace MailScan.Lab.Tests.Cluster;

/// <summary>A real Prometheus (Debian's) scrapes a coordinator and two workers through a batch; its HTTP API holds the batch's counters, and the project's alert rules load and evaluate.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PrometheusServerTests
{
    private readonly ClusterLab _lab = ClusterLab.Load();

    [Fact]
    public async Task Prometheus_scrapes_the_cluster_through_a_batch_and_its_api_returns_the_batchs_counters()
    {
        var domains = _lab.Domains.Skip(90).Take(30).ToList();
        await using var cluster = await LabCluster.StartAsync(_lab, workers: 2);
        var jobs = new Dictionary<string, IReadOnlyList<string>>
        {
            ["mailscan-coordinator"] = [new Uri(cluster.CoordinatorHealth).Authority],
            ["mailscan-worker"] = [new Uri(cluster.WorkerHealth(1)).Authority, new Uri(cluster.WorkerHealth(2)).Authority],
        };
        var rules = Path.Combine(LabEnvironment.RepositoryRoot, "deploy", "prometheus", "alerts.yml");
        await using var prometheus = await PrometheusServer.StartAsync($"{_lab.Net}.52.9:9090", jobs, rules);
        Assert.Equal(3, await prometheus.QueryUntilAsync("sum(up)", 3));

        var batch = await BatchClient.SubmitAsync(cluster.Client, domains);
        var results = new List<V1.BatchResult>();
        await BatchClient.FollowAsync(cluster.Client, batch.BatchId, 0, results);
        BatchClient.AssertExactlyOnce(domains, results, cluster.Logs());

        // The batch's counters as Prometheus stored them, against the batch and the processes' own endpoints.
        Assert.Equal(domains.Count, await prometheus.QueryUntilAsync(
            "sum(mailscan_domains_done_total{job=\"mailscan-coordinator\", result=\"reported\"})", domains.Count));
        var ran = results.SelectMany(r => r.Report.Probes).Count(p => !p.Reused);
        Assert.Equal(ran, await prometheus.QueryUntilAsync("sum(mailscan_probes_finished_total{job=\"mailscan-worker\"})", ran));
        var smtp = 0.0;
        for (var i = 1; i <= 2; i++)
            smtp += (await PrometheusScrape.ReadAsync(cluster.WorkerHealth(i) + "/metrics")).Sum("mailscan_probes_finished_total", ("kind", "smtp"));
        Assert.True(smtp > 0, "the batch ran SMTP probes on the workers");
        Assert.Equal(smtp, await prometheus.QueryUntilAsync("sum(mailscan_probes_finished_total{job=\"mailscan-worker\", kind=\"smtp\"})", smtp));
        Assert.Equal(0, await prometheus.QueryUntilAsync("sum(mailscan_batches_active)", 0));

        // The project's rules loaded, and evaluate without error on the cluster's real series.
        var groups = await prometheus.RuleGroupsAsync();
        var mailscan = Assert.Single(groups, g => g.Group == "mailscan");
        Assert.Equal(6, mailscan.Rules);
        Assert.All(mailscan.Health, h => Assert.NotEqual("err", h));
    }
}
