using V1 = MailScan.Contracts.V1;

namespace MailScan.Lab.Tests.Cluster;

/// <summary>Traces of a batch through a coordinator and two workers, sent by OTLP to a collector in the test.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterTracingTests
{
    private readonly ClusterLab _lab = ClusterLab.Load();

    [Fact]
    public async Task Each_domain_is_one_trace_holding_the_probe_spans_of_the_workers()
    {
        var domains = _lab.Domains.Take(20).ToList();
        await using var collector = new OtlpTraceReceiver($"http://{_lab.Net}.52.1:4318/");
        var results = new List<V1.BatchResult>();
        await using (var cluster = await LabCluster.StartAsync(_lab, workers: 2, new Dictionary<string, string>
        {
            ["MAILSCAN__Telemetry__OtlpEndpoint"] = collector.Url,
            ["MAILSCAN__Telemetry__OtlpProtocol"] = "http/protobuf",
        }))
        {
            var batch = await BatchClient.SubmitAsync(cluster.Client, domains);
            await BatchClient.FollowAsync(cluster.Client, batch.BatchId, 0, results);
            BatchClient.AssertExactlyOnce(domains, results, cluster.Logs());
        }
        // The processes have stopped, and flushed their last spans on the way out.

        var spans = collector.Spans;
        var scans = spans.Where(s => s.Name == "scan domain").ToList();
        Assert.Equal(domains.Order(), scans.Select(s => s.Attributes["mailscan.domain"]).Order());
        Assert.All(scans, s => Assert.Equal("mailscan-coordinator", s.Service));
        Assert.Equal(domains.Count, scans.Select(s => s.TraceId).Distinct().Count());

        foreach (var result in results)
        {
            var trace = scans.Single(s => s.Attributes["mailscan.domain"] == result.Report.Domain).TraceId;
            var probes = spans.Where(s => s.TraceId == trace && s.Name.StartsWith("probe ", StringComparison.Ordinal)).ToList();
            // Every probe this domain's report did not reuse ran in a worker, inside this domain's trace.
            var ran = result.Report.Probes.Where(p => !p.Reused).Select(p => $"{p.Kind}:{p.Target}").Order().ToList();
            var traced = probes.Select(s => $"{s.Attributes["mailscan.probe.kind"]}:{s.Attributes["mailscan.probe.target"]}").Order().ToList();
            Assert.True(ran.SequenceEqual(traced), $"{result.Report.Domain} ran {string.Join(", ", ran)}; its trace holds probe spans of {string.Join(", ", traced)}");
            Assert.All(probes, s => Assert.Equal("mailscan-worker", s.Service));
            // A probe span hangs under MassTransit's consume span of the worker, not loose in the trace.
            var ids = spans.Where(s => s.TraceId == trace).Select(s => s.SpanId).ToHashSet();
            Assert.All(probes, s => Assert.Contains(s.ParentSpanId, ids));
        }
    }
}
