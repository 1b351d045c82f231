using System.Net;
using MailScan.Checks;
using MailScan.Cli.Configuration;
using MailScan.Coordinator;
using MailScan.Coordinator.BatchApi;
using MailScan.Coordinator.Web;
using MailScan.Redis;
using MailScan.Worker;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace MailScan.Cli.Hosting;

/// <summary>
/// The long-running processes of a cluster, all one binary: the gRPC coordinator (HTTP/2 on
/// Cluster:Listen, with gRPC health and reflection; Internet.nl's batch REST API on Cluster:HttpListen,
/// and with Web:Enabled the web page for people there too), the workers, or both in one process;
/// health over HTTP/1.1 on Cluster:HealthListen for orchestrators (/healthz live, /readyz ready)
/// and Prometheus (/metrics).
/// </summary>
internal static class ClusterHost
{
    public static WebApplication Build(MailScanSettings settings, LogLevel level, ClusterRole role, IReadOnlyCollection<string> families)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        ConfigureLogging(builder.Logging, level, settings.Telemetry);
        AddSettings(builder.Services, settings);
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(15));
        AddRole(builder.Services, settings, role, families);
        builder.Services.AddMailScanTelemetry(role, settings.Telemetry);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxConcurrentConnections = settings.Access.MaxConnections;
            kestrel.Limits.Http2.MaxStreamsPerConnection = settings.Access.MaxStreamsPerConnection;
            if (role != ClusterRole.Worker)
                Listen(kestrel, settings.Cluster.Listen, HttpProtocols.Http2, o => GrpcEndpoint.UseTls(o, settings.Cluster));
            // HTTP/2 without TLS needs prior knowledge, which browsers and REST clients do not have: they get a port of their own.
            if (role != ClusterRole.Worker && !string.IsNullOrWhiteSpace(settings.Cluster.HttpListen))
                Listen(kestrel, settings.Cluster.HttpListen, HttpProtocols.Http1, _ => { });
            if (!string.IsNullOrWhiteSpace(settings.Cluster.HealthListen))
                Listen(kestrel, settings.Cluster.HealthListen, HttpProtocols.Http1, _ => { });
        });

        var app = builder.Build();
        if (role != ClusterRole.Worker)
        {
            app.MapMailScanGrpc();
            // Internet.nl's batch REST API answers on the HTTP/1.1 listener only, not on the gRPC or health port.
            if (!string.IsNullOrWhiteSpace(settings.Cluster.HttpListen))
                app.MapInternetNlBatchApi().RequireHost($"*:{new Uri(settings.Cluster.HttpListen).Port}");
            if (settings.Web.Enabled)
                app.MapMailScanWeb(settings.Cluster.HttpListen!);
            WarnWhenOpen(app, settings);
        }
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz");
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    /// <summary>The services of a role: probe consumers for a worker; scanner, batches and gRPC for a coordinator (with consumers for `serve`).</summary>
    private static void AddRole(IServiceCollection services, MailScanSettings settings, ClusterRole role, IReadOnlyCollection<string> families)
    {
        var health = services.AddHealthChecks();
        if (!string.IsNullOrWhiteSpace(settings.Cluster.Redis))
            health.AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        if (role == ClusterRole.Worker)
        {
            services.AddMailScanChecks();
            services.AddMailScanRedis(settings.Cluster);
            services.AddMailScanBus(settings.Cluster, families, settings.Cluster.WorkerConcurrency);
            return;
        }
        services.AddMailScanCoordinator(settings.Cluster, role == ClusterRole.Serve ? families : []);
        services.AddMailScanGrpc();
        if (settings.Web.Enabled)
            services.AddMailScanWeb(settings.Cluster);
    }

    /// <summary>
    /// An open API beyond loopback (started with --insecure-open) lets anyone scan through it, and
    /// keys sent without TLS beyond loopback can be read on the way: say so at start.
    /// </summary>
    private static void WarnWhenOpen(WebApplication app, MailScanSettings settings)
    {
        if (GrpcEndpoint.IsLoopback(settings.Cluster.Listen))
            return;
        if (settings.Access.Keys.Count == 0)
            app.Logger.LogWarning("The coordinator listens on {Listen} without API keys (--insecure-open): anyone who reaches it may scan; configure Access:Keys (docs/OPERATIONS.md)", settings.Cluster.Listen);
        else if (!settings.Cluster.Listen.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            app.Logger.LogWarning("The coordinator listens on {Listen} without TLS: API keys cross the network readable; set an https:// Cluster:Listen with Cluster:ListenCertificateFile and ListenKeyFile (docs/OPERATIONS.md)", settings.Cluster.Listen);
    }

    /// <summary>Each section of the settings as the options its services ask for.</summary>
    private static void AddSettings(IServiceCollection services, MailScanSettings settings)
    {
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(settings.Scanner));
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(settings.Cluster));
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(settings.Access));
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(settings.Web));
    }

    /// <summary>A worker without a health port needs no web server at all.</summary>
    public static bool NeedsWebServer(MailScanSettings settings, ClusterRole role) =>
        role != ClusterRole.Worker || !string.IsNullOrWhiteSpace(settings.Cluster.HealthListen);

    public static IHost BuildPlainWorker(MailScanSettings settings, LogLevel level, IReadOnlyCollection<string> families)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory, DisableDefaults = true });
        ConfigureLogging(builder.Logging, level, settings.Telemetry);
        AddSettings(builder.Services, settings);
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(15));
        builder.Services.AddMailScanChecks();
        builder.Services.AddMailScanRedis(settings.Cluster);
        builder.Services.AddMailScanBus(settings.Cluster, families, settings.Cluster.WorkerConcurrency);
        builder.Services.AddMailScanTelemetry(ClusterRole.Worker, settings.Telemetry);
        return builder.Build();
    }

    /// <summary>
    /// Console logs as text lines or, with Telemetry:LogFormat json, one JSON object per line for
    /// log shippers; Telemetry:LogLevels sets the level of any category over these defaults.
    /// </summary>
    private static void ConfigureLogging(ILoggingBuilder logging, LogLevel level, TelemetryOptions telemetry)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(level);
        // appsettings.json's Logging:LogLevel:Default (Warning, for the one-shot commands) would otherwise hide the product's own Information lines.
        logging.AddFilter("MailScan", level);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        logging.AddFilter("MassTransit", level <= LogLevel.Debug ? LogLevel.Information : LogLevel.Warning);
        foreach (var (category, categoryLevel) in telemetry.LogLevels)
            logging.AddFilter(category, categoryLevel);
        if (telemetry.LogFormat == "json")
        {
            logging.AddJsonConsole(json =>
            {
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
        {
            logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff ";
            });
        }
        // The console provider behind one that keeps MassTransit's stack traces for Debug.
        var stackTraces = level <= LogLevel.Debug
            || telemetry.LogLevels.Any(l => l.Key.StartsWith("MassTransit", StringComparison.Ordinal) && l.Value <= LogLevel.Debug);
        logging.Services.RemoveAll<ILoggerProvider>();
        logging.Services.AddSingleton<ConsoleLoggerProvider>();
        logging.Services.AddSingleton<ILoggerProvider>(sp => new ReasonOnlyLoggerProvider(sp.GetRequiredService<ConsoleLoggerProvider>(), "MassTransit", stackTraces));
    }

    private static void Listen(KestrelServerOptions kestrel, string url, HttpProtocols protocols, Action<ListenOptions> tls)
    {
        var uri = new Uri(url);
        void Configure(ListenOptions o)
        {
            o.Protocols = protocols;
            tls(o);
        }
        if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
            kestrel.Listen(address, uri.Port, Configure);
        else if (uri.Host is "localhost")
            kestrel.ListenLocalhost(uri.Port, Configure);
        else
            kestrel.ListenAnyIP(uri.Port, Configure);
    }
}
