using System.Security.Cryptography;
using System.Text;
using Grpc.Core;

using V1 = MailScan.Contracts.V1;

namespace MailScan.Lab.Tests.Cluster;

/// <summary>
/// Two API keys on one coordinator with the lab's Redis as batch store: a batch id is no bearer
/// token. Another key's GetBatch, CancelBatch and StreamBatchResults get NotFound, the same
/// answer as an id that never existed, and the owner's batch runs on untouched.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BatchOwnershipTests
{
    private readonly ClusterLab _lab = ClusterLab.Load();

    [Fact]
    public async Task Another_key_cannot_see_follow_or_cancel_a_batch_and_gets_the_answer_of_an_unknown_id()
    {
        var alice = $"alice-{Guid.NewGuid():N}";
        var bob = $"bob-{Guid.NewGuid():N}";
        await using var cluster = await LabCluster.StartAsync(_lab, workers: 1, new Dictionary<string, string>
        {
            ["MAILSCAN__Access__Keys__0__Name"] = "alice",
            ["MAILSCAN__Access__Keys__0__Sha256"] = Sha256(alice),
            ["MAILSCAN__Access__Keys__1__Name"] = "bob",
            ["MAILSCAN__Access__Keys__1__Sha256"] = Sha256(bob),
        });
        var client = cluster.Client;
        var domains = _lab.Domains.Skip(60).Take(3).ToList();
        string batchId;
        using (var submit = client.SubmitBatch(Bearer(alice)))
        {
            var request = new V1.SubmitBatchRequest { Label = "ownership" };
            request.Names.AddRange(domains);
            await submit.RequestStream.WriteAsync(request);
            await submit.RequestStream.CompleteAsync();
            batchId = (await submit.ResponseAsync).BatchId;
        }
        var madeUp = Guid.CreateVersion7().ToString("N");

        var notThere = await Refusal(() => client.GetBatchAsync(new V1.GetBatchRequest { BatchId = madeUp }, Bearer(bob)).ResponseAsync);
        var get = await Refusal(() => client.GetBatchAsync(new V1.GetBatchRequest { BatchId = batchId }, Bearer(bob)).ResponseAsync);
        var cancel = await Refusal(() => client.CancelBatchAsync(new V1.CancelBatchRequest { BatchId = batchId }, Bearer(bob)).ResponseAsync);
        var stream = await Refusal(async () =>
        {
            using var call = client.StreamBatchResults(new V1.StreamBatchResultsRequest { BatchId = batchId }, Bearer(bob));
            await foreach (var _ in call.ResponseStream.ReadAllAsync())
            {
            }
        });

        Assert.Equal(StatusCode.NotFound, notThere.StatusCode);
        foreach (var refused in new[] { get, cancel, stream })
        {
            Assert.Equal(StatusCode.NotFound, refused.StatusCode);
            Assert.Equal(notThere.Status.Detail.Replace(madeUp, batchId, StringComparison.Ordinal), refused.Status.Detail);
        }

        var results = new List<V1.BatchResult>();
        using (var call = client.StreamBatchResults(new V1.StreamBatchResultsRequest { BatchId = batchId }, Bearer(alice), deadline: DateTime.UtcNow.AddMinutes(4)))
        {
            await foreach (var result in call.ResponseStream.ReadAllAsync())
                results.Add(result);
        }
        BatchClient.AssertExactlyOnce(domains, results, cluster.Logs());
        var status = await client.GetBatchAsync(new V1.GetBatchRequest { BatchId = batchId }, Bearer(alice));
        Assert.Equal(V1.BatchState.Completed, status.State);
        Assert.DoesNotContain(batchId, cluster.Coordinator!.Output);
    }

    private static string Sha256(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static Metadata Bearer(string key) => new() { { "authorization", $"Bearer {key}" } };

    private static async Task<RpcException> Refusal(Func<Task> call) => await Assert.ThrowsAsync<RpcException>(call);
}
