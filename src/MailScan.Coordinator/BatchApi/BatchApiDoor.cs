using System.Globalization;
using MailScan.Coordinator.Access;
using MailScan.Coordinator.Batches;
using MailScan.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MailScan.Coordinator.BatchApi;

/// <summary>
/// The door of the batch REST API, the same as gRPC's (<see cref="ApiKeyInterceptor"/>): with
/// Access:Keys configured a request needs a known key (HTTP Basic, the key as password, or
/// Bearer), else 401 with a Basic challenge; a key over its request rate gets 429 with
/// Retry-After. The key found is left in the request's items for the handlers.
/// </summary>
public sealed partial class BatchApiDoor(ApiKeyRing ring, RequestRateLimits rates, ILogger<BatchApiDoor> logger) : IEndpointFilter
{
    private const string CallerSlot = "mailscan.api-key";

    /// <summary>Who owns the batches of a request: its key's name, "" when the API is open.</summary>
    public static string Owner(HttpContext context) => Caller(context)?.Name ?? BatchService.KeylessOwner;

    /// <summary>The key the request came with; null when the API is open.</summary>
    public static ApiKey? Caller(HttpContext context) => context.Items.TryGetValue(CallerSlot, out var key) ? key as ApiKey : null;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (ring.IsOpen)
        {
            MailScanMetrics.ApiCall("none", "allowed");
            return await next(context).ConfigureAwait(false);
        }
        var presented = BatchApiCredentials.KeyOf(http.Request.Headers.Authorization);
        var key = presented is null ? null : ring.Find(presented);
        if (key is null)
        {
            var reason = presented is null ? "no API key" : "unknown API key";
            LogRefused(logger, http.Request.Method, http.Request.Path, http.Connection.RemoteIpAddress?.ToString() ?? "?", reason);
            MailScanMetrics.ApiCall("unknown", "unauthenticated");
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"mailscan batch API\", charset=\"UTF-8\"";
            return BatchApiReplies.Error(StatusCodes.Status401Unauthorized, "unauthorised",
                presented is null ? "this coordinator needs an API key: send HTTP Basic credentials with the key as password" : "the API key is not known to this coordinator");
        }
        if (!rates.TryTake(key, out var retryAfter))
        {
            LogRateLimited(logger, key.Name, http.Request.Method, http.Request.Path);
            MailScanMetrics.ApiCall(key.Name, "rate_limited");
            var wait = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            http.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
            return BatchApiReplies.Error(StatusCodes.Status429TooManyRequests, "rate-limited",
                $"API key '{key.Name}' is over its request rate ({key.RequestsPerSecond:0.###} per second, bursts of {key.RequestBurst}); retry in {wait} s");
        }
        MailScanMetrics.ApiCall(key.Name, "allowed");
        http.Items[CallerSlot] = key;
        return await next(context).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path} from {Peer}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string path, string peer, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "API key {KeyName} is over its request rate; refused {Method} {Path}")]
    private static partial void LogRateLimited(ILogger logger, string keyName, string method, string path);
}
