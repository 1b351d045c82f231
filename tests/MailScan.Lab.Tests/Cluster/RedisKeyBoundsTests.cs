using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using StackExchange.Redis;

using V1 = MailScan.Contracts.V1;

namespace MailScan.Lab.Tests.Cluster;

/// <summary>
/// Redis holds the state of a cluster that scans for months: after a batch under an API key, every
/// key the cluster wrote either expires or is one of the few whose size is bounded by design (the
/// current VRP set and its pointer; a key's running batches, at most its MaxConcurrentBatches, 4 by
/// default, and those that ended since its last submission; an owner's index of batches, the newest
/// 1 000). A key without either grows with every
/// host ever probed.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RedisKeyBoundsTests
{
    private readonly ClusterLab _lab = ClusterLab.Load();

    [Fact]
    public async Task After_a_batch_every_redis_key_of_the_cluster_expires_or_is_bounded()
    {
        var key = $"lab-{Guid.NewGuid():N}";
        await using var cluster = await LabCluster.StartAsync(_lab, workers: 1, new Dictionary<string, string>
        {
            ["MAILSCAN__Access__Keys__0__Name"] = "bounded",
            ["MAILSCAN__Access__Keys__0__Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))),
            ["MAILSCAN__Access__Keys__0__MaxNamesPerDay"] = "100",
        });
        var bearer = new Metadata { { "authorization", $"Bearer {key}" } };
        var domains = _lab.Domains.Skip(70).Take(3).ToList();
        string batchId;
        using (var submit = cluster.Client.SubmitBatch(bearer))
        {
            var request = new V1.SubmitBatchRequest { Label = "bounds" };
            request.Names.AddRange(domains);
            await submit.RequestStream.WriteAsync(request);
            await submit.RequestStream.CompleteAsync();
            batchId = (await submit.ResponseAsync).BatchId;
        }
        var results = new List<V1.BatchResult>();
        using (var call = cluster.Client.StreamBatchResults(new V1.StreamBatchResultsRequest { BatchId = batchId }, bearer, deadline: DateTime.UtcNow.AddMinutes(4)))
        {
            await foreach (var result in call.ResponseStream.ReadAllAsync())
                results.Add(result);
        }
        BatchClient.AssertExactlyOnce(domains, results, cluster.Logs());

        using var redis = await ConnectionMultiplexer.ConnectAsync(_lab.Redis);
        var db = redis.GetDatabase();
        var server = redis.GetServers().Single();
        var current = (string?)await db.StringGetAsync(cluster.Prefix + "vrp:current");
        var bounded = new HashSet<string>(StringComparer.Ordinal) { cluster.Prefix + "vrp:current", $"{cluster.Prefix}vrp:set:{current}" };
        var keys = new List<string>();
        await foreach (var k in server.KeysAsync(pattern: cluster.Prefix + "*", pageSize: 1000))
            keys.Add(k.ToString());

        Assert.Contains(keys, k => k.StartsWith(cluster.Prefix + "probe:runs", StringComparison.Ordinal));
        var unbounded = new List<string>();
        foreach (var k in keys.Where(k => k.EndsWith(":batches", StringComparison.Ordinal) && k.StartsWith(cluster.Prefix + "quota:", StringComparison.Ordinal)))
        {
            Assert.InRange(await db.SetLengthAsync(k), 0, 4);
            bounded.Add(k);
        }
        // An owner's index of batches (the REST API's list) keeps the newest IBatchStore.MaxListed ids.
        foreach (var k in keys.Where(k => k.StartsWith(cluster.Prefix + "owner:", StringComparison.Ordinal) && k.EndsWith(":batches", StringComparison.Ordinal)))
        {
            Assert.InRange(await db.SortedSetLengthAsync(k), 0, 1000);
            bounded.Add(k);
        }
        foreach (var k in keys.Where(k => !bounded.Contains(k)))
        {
            // PTTL -1: the key exists without a TTL (-2, gone since the scan: a lock released meanwhile, is fine).
            if ((long)await db.ExecuteAsync("PTTL", k) == -1)
                unbounded.Add(k);
        }
        Assert.True(unbounded.Count == 0, "keys without a TTL or a bound: " + string.Join(", ", unbounded.Take(20)));
    }
}
