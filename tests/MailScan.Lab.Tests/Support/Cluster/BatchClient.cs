using Grpc.Core;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Lab.Tests.Support.Cluster;

/// <summary>A test's side of a batch: submit names, follow the results from a cursor.</summary>
internal static class BatchClient
{
    public static async Task<V1.SubmitBatchResponse> SubmitAsync(V1.MailScanService.MailScanServiceClient client, IEnumerable<string> names, string label = "lab test")
    {
        using var call = client.SubmitBatch();
        foreach (var chunk in names.Chunk(100))
        {
            var request = new V1.SubmitBatchRequest { Label = label };
            request.Names.AddRange(chunk);
            await call.RequestStream.WriteAsync(request);
        }
        await call.RequestStream.CompleteAsync();
        return await call.ResponseAsync;
    }

    /// <summary>Results after the cursor until the stream ends; <paramref name="seen"/> is called after each (to inject a fault).</summary>
    public static async Task FollowAsync(V1.MailScanService.MailScanServiceClient client, string batchId, ulong after, List<V1.BatchResult> into,
        Func<int, Task>? seen = null, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Longer than a domain's lease (the domain timeout, 3 min, and the lab's strict-server budget, 5 s, plus 1 min): a claim whose reply a
        // Redis restart swallowed comes back only when its lease runs out, and must still arrive.
        limit.CancelAfter(TimeSpan.FromMinutes(6));
        using var call = client.StreamBatchResults(new V1.StreamBatchResultsRequest { BatchId = batchId, AfterCursor = after }, cancellationToken: limit.Token);
        await foreach (var result in call.ResponseStream.ReadAllAsync(limit.Token))
        {
            into.Add(result);
            if (seen is not null)
                await seen(into.Count);
        }
    }

    /// <summary>Every domain exactly once, the cursors 1..N without a gap.</summary>
    public static void AssertExactlyOnce(IReadOnlyList<string> domains, IReadOnlyList<V1.BatchResult> results, string logs)
    {
        var reported = results.Select(r => r.Report.Domain).ToList();
        var twice = reported.GroupBy(d => d).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"reported more than once: {string.Join(", ", twice.Take(10))}\n{logs}");
        var missing = domains.Except(reported).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} domains never reported, e.g. {string.Join(", ", missing.Take(10))}\n{logs}");
        Assert.Equal(Enumerable.Range(1, domains.Count).Select(i => (ulong)i), results.Select(r => r.Cursor));
    }
}
