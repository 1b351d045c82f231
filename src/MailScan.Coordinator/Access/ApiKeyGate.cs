using MailScan.Telemetry;
using Microsoft.Extensions.Logging;

namespace MailScan.Coordinator.Access;

/// <summary>
/// The one door of the coordinator, for the gRPC API (<see cref="ApiKeyInterceptor"/>) and the web
/// page alike: a call must carry a configured API key, and a key may not pass its request rate.
/// Counts every decision in mailscan_api_calls_total; logs name keys, never show them.
/// </summary>
public sealed partial class ApiKeyGate(ApiKeyRing ring, RequestRateLimits rates, ILogger<ApiKeyGate> logger)
{
    /// <summary>True when no key is configured: every caller is let in.</summary>
    public bool IsOpen => ring.IsOpen;

    /// <summary>The decision on a call that presented <paramref name="presented"/> (null: no key) for <paramref name="method"/> from <paramref name="peer"/>.</summary>
    public AccessDecision Admit(string? presented, string method, string peer)
    {
        if (ring.IsOpen)
        {
            MailScanMetrics.ApiCall("none", "allowed");
            return AccessDecision.Admit(null);
        }
        if (presented is null)
        {
            LogRefused(logger, method, peer, "no API key");
            MailScanMetrics.ApiCall("unknown", "unauthenticated");
            return new AccessDecision(null, AccessRefusal.Unauthenticated,
                "this coordinator needs an API key: send it as 'authorization: Bearer KEY' (mailscan batch --api-key-file PATH, or MAILSCAN_API_KEY)");
        }
        var key = ring.Find(presented);
        if (key is null)
        {
            LogRefused(logger, method, peer, "unknown API key");
            MailScanMetrics.ApiCall("unknown", "unauthenticated");
            return new AccessDecision(null, AccessRefusal.Unauthenticated, "the API key is not known to this coordinator");
        }
        if (!rates.TryTake(key, out var retryAfter))
        {
            LogRateLimited(logger, key.Name, method);
            MailScanMetrics.ApiCall(key.Name, "rate_limited");
            var wait = Math.Max(0.1, Math.Round(retryAfter.TotalSeconds, 1));
            return new AccessDecision(key, AccessRefusal.RateLimited,
                $"API key '{key.Name}' is over its request rate ({key.RequestsPerSecond:0.###} per second, bursts of {key.RequestBurst}); retry in {wait:0.#} s",
                retryAfter);
        }
        MailScanMetrics.ApiCall(key.Name, "allowed");
        return AccessDecision.Admit(key);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} from {Peer}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string peer, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "API key {KeyName} is over its request rate; refused {Method}")]
    private static partial void LogRateLimited(ILogger logger, string keyName, string method);
}
