using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MailScan.Telemetry.Tests;

/// <summary>What a listener on the `MailScan` meter and activity source sees: the instruments' names and their bounded labels.</summary>
public sealed class MailScanMetricsTests
{
    [Fact]
    public void A_finished_probe_counts_once_with_its_kind_and_outcome_and_records_its_duration()
    {
        using var seen = new Recorded();

        var started = MailScanMetrics.ProbeStarted("telemetry-test.probe");
        MailScanMetrics.ProbeFinished("telemetry-test.probe", "timed_out", started);

        Assert.Contains(seen.For("mailscan.probes.started"), m => m.Tags["kind"] == "telemetry-test.probe");
        var finished = Assert.Single(seen.For("mailscan.probes.finished"), m => m.Tags["kind"] == "telemetry-test.probe");
        Assert.Equal(("timed_out", 1d), (finished.Tags["outcome"], finished.Value));
        Assert.Contains(seen.For("mailscan.probe.duration"), m => m.Tags["kind"] == "telemetry-test.probe" && m.Value >= 0);
    }

    [Fact]
    public void Cache_lookups_and_dns_queries_carry_only_their_fixed_labels()
    {
        using var seen = new Recorded();

        MailScanMetrics.CacheLookup("telemetry-test", hit: true);
        MailScanMetrics.CacheLookup("telemetry-test", hit: false);
        MailScanMetrics.DnsQuery("telemetry-test", "SERVFAIL");

        var lookups = seen.For("mailscan.cache.lookups").Where(m => m.Tags["cache"] == "telemetry-test").ToList();
        Assert.Equal(["hit", "miss"], lookups.Select(m => m.Tags["result"]).Order(StringComparer.Ordinal));
        var query = Assert.Single(seen.For("mailscan.dns.queries"), m => m.Tags["resolver"] == "telemetry-test");
        Assert.Equal(["rcode", "resolver"], query.Tags.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_domain_scan_and_a_probe_are_spans_of_the_MailScan_source_with_their_tags()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MailScanTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);

        using (MailScanTracing.StartDomainScan("example.nl"))
        using (MailScanTracing.StartProbe("dns.servers", "example.nl"))
        {
        }

        var probe = Assert.Single(spans, s => s.OperationName == "probe dns.servers");
        var scan = Assert.Single(spans, s => s.OperationName == "scan domain");
        Assert.Equal("example.nl", scan.GetTagItem("mailscan.domain"));
        Assert.Equal(scan.SpanId, probe.ParentSpanId);
    }

    /// <summary>Every measurement of the `MailScan` meter while it lives.</summary>
    private sealed class Recorded : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<(string Instrument, double Value, Dictionary<string, string?> Tags)> _measurements = [];

        public Recorded()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == MailScanMetrics.MeterName)
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
            _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
            _listener.Start();
        }

        public IEnumerable<(double Value, Dictionary<string, string?> Tags)> For(string instrument)
        {
            lock (_measurements)
                return _measurements.Where(m => m.Instrument == instrument).Select(m => (m.Value, m.Tags)).ToList();
        }

        public void Dispose() => _listener.Dispose();

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var labels = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var tag in tags)
                labels[tag.Key] = tag.Value?.ToString();
            lock (_measurements)
                _measurements.Add((instrument.Name, value, labels));
        }
    }
}
