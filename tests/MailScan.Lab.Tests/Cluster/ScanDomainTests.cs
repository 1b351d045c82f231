using Grpc.Core;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Lab.Tests.Cluster;

/// <summary>ScanDomain over the wire: one domain through a coordinator and two worker processes, streamed as it completes.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ScanDomainTests(EmbeddedSynthScan embedded)
{
    private static readonly string[] Categories = ["mail_ipv6", "mail_dnssec", "mail_auth", "mail_starttls", "mail_rpki"];

    private readonly ClusterLab _lab = ClusterLab.Load();

    [Fact]
    public async Task A_domain_streams_its_servers_then_each_category_once_then_the_report_inside_the_requests_trace()
    {
        var domains = _lab.Domains.Take(3).ToList();
        await using var collector = new OtlpTraceReceiver($"http://{_lab.Net}.52.2:4318/");
        var streams = new Dictionary<string, List<V1.ScanEvent>>();
        await using (var cluster = await LabCluster.StartAsync(_lab, workers: 2, new Dictionary<string, string>
        {
            ["MAILSCAN__Telemetry__OtlpEndpoint"] = collector.Url,
            ["MAILSCAN__Telemetry__OtlpProtocol"] = "http/protobuf",
        }))
        {
            foreach (var domain in domains)
                streams[domain] = await ScanAsync(cluster.Client, domain);
        }

        foreach (var (domain, events) in streams)
        {
            Assert.Equal(V1.ScanEvent.EventOneofCase.Servers, events[0].EventCase);
            Assert.Equal(V1.ScanEvent.EventOneofCase.Report, events[^1].EventCase);
            var streamed = events.Skip(1).SkipLast(1).ToList();
            Assert.All(streamed, e => Assert.Equal(V1.ScanEvent.EventOneofCase.Category, e.EventCase));
            Assert.Equal(Categories.Order(), streamed.Select(e => e.Category.Id).Order());
            var report = events[^1].Report;
            // What was streamed is what the report says, and the report is the embedded scan's report.
            Assert.All(streamed, e => Assert.Equal(e.Category, report.Categories.Single(c => c.Id == e.Category.Id)));
            Assert.Equal(events[0].Servers, report.Servers);
            Assert.Equal(embedded.Reports[domain], ReportComparison.Normalised(report));
            // The scores travel with the stream: every category has one or says why not, and the report has the overall.
            Assert.All(streamed, e => Assert.True(e.Category.Score.HasValue || e.Category.ScoreNote.Length > 0, e.Category.Id));
            Assert.True(report.Score.HasValue, report.ScoreNote);
        }

        // Each scan is a span under the coordinator's span of its gRPC request, and the workers' probe spans join its trace.
        var spans = collector.Spans;
        foreach (var domain in domains)
        {
            var scan = spans.Single(s => s.Name == "scan domain" && s.Attributes["mailscan.domain"] == domain);
            var request = spans.Single(s => s.SpanId == scan.ParentSpanId);
            Assert.Equal("mailscan-coordinator", request.Service);
            Assert.Contains("ScanDomain", request.Name);
            var probes = spans.Where(s => s.TraceId == scan.TraceId && s.Name.StartsWith("probe ", StringComparison.Ordinal)).ToList();
            var ran = streams[domain][^1].Report.Probes.Where(p => !p.Reused).Select(p => $"{p.Kind}:{p.Target}").Order();
            Assert.Equal(ran, probes.Select(s => $"{s.Attributes["mailscan.probe.kind"]}:{s.Attributes["mailscan.probe.target"]}").Order());
            Assert.All(probes, s => Assert.Equal("mailscan-worker", s.Service));
        }
    }

    [Fact]
    public async Task A_domain_whose_resolver_does_not_answer_is_unavailable_with_the_reason_and_a_bad_name_is_invalid()
    {
        // Nothing listens on this lab address: every lookup fails at once. (The flag, not an environment variable: the profile overrides those.)
        await using var cluster = await LabCluster.StartAsync(_lab, workers: 1, flags: ["--resolver", $"{_lab.Net}.52.3:53"]);

        var silent = await Assert.ThrowsAsync<RpcException>(() => ScanAsync(cluster.Client, _lab.Domains[0]));
        Assert.True(silent.StatusCode == StatusCode.Unavailable, $"{silent.Status}\n{cluster.Logs()}");
        Assert.Contains($"no DNS answer for {_lab.Domains[0]}", silent.Status.Detail);
        Assert.Contains("is the resolver reachable?", silent.Status.Detail);

        var invalid = await Assert.ThrowsAsync<RpcException>(() => ScanAsync(cluster.Client, "bad..name"));
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Contains("invalid domain name", invalid.Status.Detail);
    }

    private static async Task<List<V1.ScanEvent>> ScanAsync(V1.MailScanService.MailScanServiceClient client, string domain)
    {
        using var call = client.ScanDomain(new V1.ScanDomainRequest { Domain = domain }, deadline: DateTime.UtcNow.AddMinutes(2));
        var events = new List<V1.ScanEvent>();
        await foreach (var scanEvent in call.ResponseStream.ReadAllAsync())
            events.Add(scanEvent);
        return events;
    }
}
