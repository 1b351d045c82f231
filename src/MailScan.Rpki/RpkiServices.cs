using MailScan.Dns;
using MailScan.Rpki.Rtr;
using MailScan.Tls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MailScan.Rpki;

/// <summary>Registers the RPKI parts: the VRP source and store (one per process) and the BGP view; the host supplies <c>IOptions&lt;RpkiOptions&gt;</c>.</summary>
public static class RpkiServices
{
    public static IServiceCollection AddMailScanRpki(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new VrpStore(
            CreateVrpSource(sp), sp.GetRequiredService<IOptions<RpkiOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<VrpStore>>()));
        services.TryAddSingleton<IVrpProvider>(sp => sp.GetRequiredService<VrpStore>());
        services.TryAddSingleton(CreateRouteOriginSource);
        return services;
    }

    /// <summary>The configured VRP source, or null when none is (the verdicts then say so).</summary>
    public static IVrpSource? CreateVrpSource(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<RpkiOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        if (!string.IsNullOrWhiteSpace(options.VrpsFile))
            return VrpExportSource.FromFile(options.VrpsFile, options.RefreshInterval, time);
        if (!string.IsNullOrWhiteSpace(options.VrpsUrl))
        {
            var handler = new SocketsHttpHandler
            {
                ConnectTimeout = options.FetchTimeout,
                AutomaticDecompression = System.Net.DecompressionMethods.All,
                SslOptions = new System.Net.Security.SslClientAuthenticationOptions { CertificateChainPolicy = OfflineChainPolicy.Create() },
            };
            var http = new HttpClient(handler)
            {
                Timeout = Timeout.InfiniteTimeSpan,
            };
            return VrpExportSource.FromUrl(new Uri(options.VrpsUrl), options.RefreshInterval, options.FetchTimeout, http, time);
        }
        if (!string.IsNullOrWhiteSpace(options.RtrServer) && RtrEndpoint.Parse(options.RtrServer).Value is { } rtr)
            return new RtrVrpSource(rtr, (byte)options.RtrVersion, options.FetchTimeout, time, services.GetRequiredService<ILogger<RtrVrpSource>>());
        return null;
    }

    private static IRouteOriginSource CreateRouteOriginSource(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<RpkiOptions>>().Value;
        if (!string.IsNullOrWhiteSpace(options.RouteOriginsFile))
            return new RouteOriginFileSource(options.RouteOriginsFile, options.RefreshInterval, services.GetRequiredService<TimeProvider>());
        return options.TeamCymru ? new TeamCymruOriginSource(services.GetRequiredService<IDnsResolver>()) : new NoRouteOriginSource();
    }
}
