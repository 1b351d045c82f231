using MailScan.Checks.Options;
using MailScan.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MailScan.Cli.Hosting;

/// <summary>
/// OpenTelemetry for the cluster's processes: the product's meter, MassTransit's (consumers in
/// progress, retries, faults) and ASP.NET Core's, scraped by Prometheus at /metrics on the
/// health endpoint; and, when Telemetry:OtlpEndpoint is set, traces (the scanner's spans,
/// MassTransit's send and consume, the gRPC server's requests) to an OTLP collector.
/// </summary>
internal static class ClusterTelemetry
{
    private static readonly string[] Meters =
    [
        MailScanMetrics.MeterName,
        "MassTransit",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
    ];

    private static readonly string[] Sources = [MailScanTracing.SourceName, "MassTransit"];

    private static readonly PathString[] UnTraced = ["/metrics", "/healthz", "/readyz"];

    public static void AddMailScanTelemetry(this IServiceCollection services, ClusterRole role, TelemetryOptions telemetry)
    {
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName(role)))
            .WithMetrics(metrics => metrics.AddMeter(Meters).AddPrometheusExporter());
        if (string.IsNullOrWhiteSpace(telemetry.OtlpEndpoint))
            return;
        otel.WithTracing(tracing => tracing
            .AddSource(Sources)
            .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = http => !UnTraced.Contains(http.Request.Path))
            .AddOtlpExporter(otlp =>
            {
                otlp.Protocol = telemetry.OtlpProtocol == "grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
                otlp.Endpoint = Endpoint(telemetry);
            }));
    }

    /// <summary>The collector's URL; over HTTP the exporter posts to the path given, so a bare host gets the standard /v1/traces.</summary>
    private static Uri Endpoint(TelemetryOptions telemetry)
    {
        var uri = new Uri(telemetry.OtlpEndpoint!);
        return telemetry.OtlpProtocol != "grpc" && uri.AbsolutePath == "/" ? new Uri(uri, "v1/traces") : uri;
    }

    public static string ServiceName(ClusterRole role) => role switch
    {
        ClusterRole.Worker => "mailscan-worker",
        ClusterRole.Coordinator => "mailscan-coordinator",
        _ => "mailscan-serve",
    };
}
