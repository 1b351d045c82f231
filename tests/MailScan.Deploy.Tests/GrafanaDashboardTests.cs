using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using MailScan.Telemetry;

namespace MailScan.Deploy.Tests;

/// <summary>deploy/grafana/mailscan.json: valid JSON, queries only series the product exports, and shows every one of them.</summary>
public sealed partial class GrafanaDashboardTests
{
    private static readonly string DashboardPath = Path.Combine(RepositoryPaths.Root, "deploy", "grafana", "mailscan.json");

    [Fact]
    public void The_dashboard_is_json_with_a_query_on_every_panel()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(DashboardPath));
        var root = dashboard.RootElement;
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("uid").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("title").GetString()));
        var panels = root.GetProperty("panels").EnumerateArray().ToList();
        Assert.NotEmpty(panels);
        Assert.All(panels, p => Assert.Contains(p.GetProperty("targets").EnumerateArray(), t => !string.IsNullOrWhiteSpace(t.GetProperty("expr").GetString())));
    }

    [Fact]
    public void The_dashboard_queries_exactly_the_series_of_the_product_meter()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(DashboardPath));
        var queried = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .SelectMany(t => SeriesName().Matches(t.GetProperty("expr").GetString()!).Select(m => m.Value))
            .ToHashSet();
        var instruments = ProductInstruments();
        var exported = instruments.SelectMany(PrometheusNames).ToHashSet();

        Assert.Empty(queried.Where(q => q.StartsWith("mailscan_", StringComparison.Ordinal)).Except(exported));
        Assert.All(instruments, i => Assert.True(PrometheusNames(i).Any(queried.Contains), $"{i.Name} is on no panel"));
    }

    /// <summary>The instruments of the MailScan meter, as a metrics pipeline sees them.</summary>
    private static List<Instrument> ProductInstruments()
    {
        RuntimeHelpers.RunClassConstructor(typeof(MailScanMetrics).TypeHandle);
        var found = new List<Instrument>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, _) =>
        {
            if (instrument.Meter.Name == MailScanMetrics.MeterName)
                found.Add(instrument);
        };
        listener.Start();
        Assert.NotEmpty(found);
        return found;
    }

    /// <summary>The names the OpenTelemetry Prometheus exporter gives an instrument's series.</summary>
    private static IEnumerable<string> PrometheusNames(Instrument instrument)
    {
        var name = instrument.Name.Replace('.', '_') + (instrument.Unit == "s" ? "_seconds" : "");
        var type = instrument.GetType().GetGenericTypeDefinition();
        if (type == typeof(Counter<>))
            return [name + "_total"];
        if (type == typeof(Histogram<>))
            return [name + "_bucket", name + "_sum", name + "_count"];
        return [name];
    }

    [GeneratedRegex("[a-z][a-z0-9_]*_(total|bucket|sum|count|seconds|in_flight|active|entries|queued|limit)\\b")]
    private static partial Regex SeriesName();
}
