using Grpc.Net.Client;
using MailScan.Checks;
using MailScan.Checks.Options;
using MailScan.Checks.Scanning;
using MailScan.Coordinator.Access;
using MailScan.Coordinator.BatchApi;
using MailScan.Coordinator.Batches;
using MailScan.Coordinator.Web;
using MailScan.Redis.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Coordinator.Tests.Access;

/// <summary>
/// The coordinator's gRPC and batch REST APIs in memory (TestServer), wired as `mailscan coordinator` wires it.
/// Without the runner, batches stay running (for the quota of running batches); with it, domains
/// are scanned in process against a closed loopback resolver port, so they fail fast and offline.
/// </summary>
internal sealed class AccessTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AccessTestHost(WebApplication app, GrpcChannel channel)
    {
        _app = app;
        Channel = channel;
    }

    public GrpcChannel Channel { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>A client of the batch REST API (mapped beside gRPC, as on the coordinator's HTTP/1.1 listener).</summary>
    public HttpClient Http() => _app.GetTestServer().CreateClient();

    public V1.MailScanService.MailScanServiceClient Client => new(Channel);

    /// <summary>The settings a coordinator is started with: the scanner's and the host's sections.</summary>
    public sealed class Settings
    {
        public MailScanOptions Scanner { get; } = new();
        public ClusterOptions Cluster { get; } = new();
        public AccessOptions Access { get; } = new();
        public WebOptions Web { get; } = new();
    }

    public static Settings Options(params ApiKeyOptions[] keys)
    {
        var settings = new Settings();
        settings.Scanner.Dns.Resolvers.Add("127.0.0.1:9");
        settings.Scanner.Dns.QueryTimeout = TimeSpan.FromSeconds(1);
        settings.Scanner.Dns.Retries = 0;
        settings.Access.Keys.AddRange(keys);
        return settings;
    }

    public static ApiKeyOptions Key(string name, string key, int batches = 0, long namesPerDay = 0, double perSecond = 0, int burst = 1) =>
        new() { Name = name, Sha256 = ApiKeyRing.Hash(key), MaxConcurrentBatches = batches, MaxNamesPerDay = namesPerDay, RequestsPerSecond = perSecond, RequestBurst = burst };

    public static async Task<AccessTestHost> StartAsync(Settings settings, bool runBatches = false, ILoggerProvider? logs = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        if (logs is not null)
            builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(settings.Scanner));
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(settings.Cluster));
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(settings.Access));
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(settings.Web));
        builder.Services.AddMailScanChecks();
        builder.Services.AddSingleton<IProbeDispatcher>(sp => sp.GetRequiredService<InProcessProbeDispatcher>());
        if (runBatches)
        {
            builder.Services.AddMailScanBatches();
        }
        else
        {
            builder.Services.AddSingleton<IBatchStore, MemoryBatchStore>();
            builder.Services.AddSingleton<BatchWakeUp>();
            builder.Services.AddSingleton<BatchService>();
        }
        builder.Services.AddMailScanAccess();
        builder.Services.AddMailScanGrpc();

        var app = builder.Build();
        app.MapMailScanGrpc();
        app.MapInternetNlBatchApi();
        await app.StartAsync();
        var server = app.GetTestServer();
        var channel = GrpcChannel.ForAddress(server.BaseAddress, new GrpcChannelOptions { HttpHandler = server.CreateHandler() });
        return new AccessTestHost(app, channel);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
