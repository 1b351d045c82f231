using V1 = MailScan.Contracts.V1;

namespace MailScan.Lab.Tests.Cluster;

/// <summary>Two coordinators of one cluster run the same batch: each claims its share from Redis, and the batch is reported as if one had run it.</summary>
[Collection(SharedBatchCollection.Name)]
public sealed class SharedBatchTests
{
    private readonly ClusterLab _lab = ClusterLab.Load();

    [Fact]
    public async Task Two_coordinators_share_one_batch_each_domain_reported_once_each_address_evaluated_once()
    {
        var domains = _lab.Domains.Take(150).ToList();
        await using var cluster = await LabCluster.StartAsync(_lab, workers: 1);
        await cluster.StartAnotherCoordinatorAsync(2);
        var batch = await BatchClient.SubmitAsync(cluster.Client, domains);
        var results = new List<V1.BatchResult>();
        await BatchClient.FollowAsync(cluster.Client, batch.BatchId, 0, results);

        BatchClient.AssertExactlyOnce(domains, results, cluster.Logs());
        Assert.All(results, r => Assert.Equal("", r.Report.Error));

        // Each coordinator counts the domains it scanned (after logging them, so the count may follow the stream by a moment).
        var until = DateTime.UtcNow.AddSeconds(15);
        var (first, second) = await DomainsScannedAsync(cluster);
        while (first + second < domains.Count && DateTime.UtcNow < until)
        {
            await Task.Delay(200);
            (first, second) = await DomainsScannedAsync(cluster);
        }
        Assert.True(first > 0 && second > 0, $"both coordinators scan: {first} and {second} domains\n{cluster.Logs()}");
        Assert.Equal(domains.Count, first + second);

        // Host evidence is shared across the coordinators too: every mail address ran its probe for one domain only.
        var ran = results.SelectMany(r => r.Report.Probes).Where(p => p.Kind.StartsWith("smtp", StringComparison.Ordinal))
            .GroupBy(p => (p.Kind, p.Target)).ToDictionary(g => g.Key, g => g.Where(p => !p.Reused).ToList());
        Assert.NotEmpty(ran);
        using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(_lab.Redis);
        foreach (var (key, runs) in ran)
        {
            var counted = (long)await redis.GetDatabase().StringGetAsync($"{cluster.Prefix}probe:runs:{key.Kind}:{key.Target}");
            Assert.True(runs.Count == 1 && counted == 1,
                $"{key} ran {runs.Count} times by the reports, {counted} by Redis: {string.Join("; ", runs.Select(p => $"{p.Outcome} {p.Reason}"))}");
        }
    }

    private static async Task<(double First, double Second)> DomainsScannedAsync(LabCluster cluster) =>
        ((await PrometheusScrape.ReadAsync(cluster.CoordinatorHealth + "/metrics")).Sum("mailscan_domains_done_total", ("result", "reported")),
         (await PrometheusScrape.ReadAsync(cluster.CoordinatorHealthOf(2) + "/metrics")).Sum("mailscan_domains_done_total", ("result", "reported")));
}
