using MailScan.Checks.Options;
using MailScan.Coordinator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MailScan.Cli;

/// <summary>Coordinator and workers in this process: the embedded default, no broker and no Redis.</summary>
internal static class EmbeddedHost
{
    public static async Task<IHost> StartAsync(MailScanOptions options, LogLevel logLevel, CancellationToken cancellationToken, Action<IServiceCollection>? more = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = true,
        });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(logLevel);
        // Probe faults reach the report as reasons; the bus's own fault logs (with stack traces) only when asked for.
        builder.Logging.AddFilter("MassTransit", logLevel <= LogLevel.Debug ? LogLevel.Information : LogLevel.None);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        builder.Services.AddMailScanEmbedded(options.Scan.KindLimit(Math.Max(4, options.Scan.ProbeConcurrency)));
        more?.Invoke(builder.Services);
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(5));
        // Logs go to stderr so that --json output on stdout stays clean.
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

        var host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        return host;
    }
}
