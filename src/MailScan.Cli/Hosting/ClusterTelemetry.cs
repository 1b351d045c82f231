using MailScan.Checks.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace MailScan.Cli.Hosting;

/// <summary>
/// OpenTelemetry for the cluster's processes: the product's meter, MassTransit's (consumers in
/// progress, retries, faults) and ASP.NET Core's, scraped by Prometheus at /metrics on the
/// health endpoint.
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

    public static void AddMailScanTelemetry(this IServiceCollection services, ClusterRole role)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName(role)))
            .WithMetrics(metrics => metrics.AddMeter(Meters).AddPrometheusExporter());
    }

    public static string ServiceName(ClusterRole role) => role switch
    {
        ClusterRole.Worker => "mailscan-worker",
        ClusterRole.Coordinator => "mailscan-coordinator",
        _ => "mailscan-serve",
    };
}
