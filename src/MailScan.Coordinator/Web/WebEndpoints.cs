using MailScan.Coordinator.Reports.Html;
using MailScan.Redis.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MailScan.Coordinator.Web;

/// <summary>
/// The web page for people (Web:Enabled, `--web`), on the HTTP/1.1 listener only: the form at /,
/// a scan at POST /web/scan (a stream of categories for the page's script, else the finished
/// report's permalink), the stored reports at /web/report/ID (and ID.json), the script.
/// </summary>
public static class WebEndpoints
{
    public const string ScriptPath = "/web/live.js";
    public const string ReportPath = "/web/report/";

    private static readonly string Script = HtmlPage.Resource("live.js");

    /// <summary>The page's services; its permalinks in Redis when the cluster has it (Cluster:Redis), else in memory.</summary>
    public static IServiceCollection AddMailScanWeb(this IServiceCollection services, ClusterOptions cluster)
    {
        if (!string.IsNullOrWhiteSpace(cluster.Redis))
            services.TryAddSingleton<IReportArchive, RedisReportArchive>();
        services.TryAddSingleton<IReportArchive, MemoryReportArchive>();
        services.TryAddSingleton<WebScan>();
        return services;
    }

    /// <summary>Maps the page's routes for requests that arrive on <paramref name="httpListen"/>'s port (not on gRPC's or health's).</summary>
    public static IEndpointRouteBuilder MapMailScanWeb(this IEndpointRouteBuilder endpoints, string httpListen)
    {
        var web = endpoints.MapGroup(string.Empty).RequireHost($"*:{new Uri(httpListen).Port}");
        web.MapGet("/", (HttpContext context, WebScan scan) => Html(context, WebPages.Form(scan.AsksForKey)));
        web.MapPost("/web/scan", (HttpContext context, WebScan scan) => scan.RunAsync(context));
        web.MapGet(ReportPath + "{id}", (HttpContext context, string id, IReportArchive archive) => StoredAsync(context, id, archive));
        web.MapGet(ScriptPath, (HttpContext context) =>
        {
            Secure(context.Response);
            context.Response.ContentType = "text/javascript; charset=utf-8";
            return context.Response.WriteAsync(Script, context.RequestAborted);
        });
        return endpoints;
    }

    private static async Task StoredAsync(HttpContext context, string id, IReportArchive archive)
    {
        var json = id.EndsWith(".json", StringComparison.Ordinal);
        var report = await archive.FindAsync(json ? id[..^".json".Length] : id, context.RequestAborted).ConfigureAwait(false);
        if (report is null)
        {
            await Html(context, WebPages.NotFound(), StatusCodes.Status404NotFound).ConfigureAwait(false);
            return;
        }
        if (!json)
        {
            await Html(context, WebPages.Report(report, Absolute(context.Request, ReportPath + id))).ConfigureAwait(false);
            return;
        }
        Secure(context.Response);
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(Google.Protobuf.JsonFormatter.Default.Format(report), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>A path of this site as the whole URL the browser used to reach it, for a permalink a person can copy.</summary>
    public static string Absolute(HttpRequest request, string path) => $"{request.Scheme}://{request.Host}{path}";

    public static Task Html(HttpContext context, string page, int status = StatusCodes.Status200OK)
    {
        Secure(context.Response);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(page, context.RequestAborted);
    }

    /// <summary>Scripts from this origin only (the page's own), no frames, no sniffing: report text comes from strangers' servers.</summary>
    public static void Secure(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "no-store";
    }
}
