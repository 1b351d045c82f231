using Grpc.Core;
using Grpc.Core.Interceptors;
using MailScan.Telemetry;
using Microsoft.Extensions.Logging;

namespace MailScan.Coordinator.Access;

/// <summary>
/// The door of the scanner's gRPC service (health and reflection are not behind it): a call must
/// carry a configured API key, as `authorization: Bearer KEY` or `x-api-key: KEY`, else it is
/// Unauthenticated; a key over its request rate is ResourceExhausted with the wait in the message.
/// The key found is left in the call's user state for the quotas. Logs name keys, never show them.
/// </summary>
public sealed partial class ApiKeyInterceptor(ApiKeyRing ring, RequestRateLimits rates, ILogger<ApiKeyInterceptor> logger) : Interceptor
{
    private const string CallerSlot = "mailscan.api-key";

    /// <summary>The key the call came with; null when the API is open.</summary>
    public static ApiKey? Caller(ServerCallContext context) =>
        context.UserState.TryGetValue(CallerSlot, out var key) ? key as ApiKey : null;

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Admit(context);
        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Admit(context);
        return continuation(requestStream, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Admit(context);
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Admit(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Admit(ServerCallContext context)
    {
        if (ring.IsOpen)
        {
            MailScanMetrics.ApiCall("none", "allowed");
            return;
        }
        var presented = PresentedKey(context.RequestHeaders);
        if (presented is null)
        {
            LogRefused(logger, context.Method, context.Peer, "no API key");
            MailScanMetrics.ApiCall("unknown", "unauthenticated");
            throw new RpcException(new Status(StatusCode.Unauthenticated,
                "this coordinator needs an API key: send it as 'authorization: Bearer KEY' (mailscan batch --api-key-file PATH, or MAILSCAN_API_KEY)"));
        }
        var key = ring.Find(presented);
        if (key is null)
        {
            LogRefused(logger, context.Method, context.Peer, "unknown API key");
            MailScanMetrics.ApiCall("unknown", "unauthenticated");
            throw new RpcException(new Status(StatusCode.Unauthenticated, "the API key is not known to this coordinator"));
        }
        if (!rates.TryTake(key, out var retryAfter))
        {
            LogRateLimited(logger, key.Name, context.Method);
            MailScanMetrics.ApiCall(key.Name, "rate_limited");
            var wait = Math.Max(0.1, Math.Round(retryAfter.TotalSeconds, 1));
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"API key '{key.Name}' is over its request rate ({key.RequestsPerSecond:0.###} per second, bursts of {key.RequestBurst}); retry in {wait:0.#} s"));
        }
        MailScanMetrics.ApiCall(key.Name, "allowed");
        context.UserState[CallerSlot] = key;
    }

    /// <summary>The key of `authorization: Bearer KEY`, else of `x-api-key`; null when neither is there.</summary>
    private static string? PresentedKey(Metadata headers)
    {
        var authorization = headers.GetValue("authorization")?.Trim();
        if (authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return NonEmpty(authorization["Bearer ".Length..].Trim());
        return NonEmpty(headers.GetValue("x-api-key")?.Trim());
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} from {Peer}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string peer, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "API key {KeyName} is over its request rate; refused {Method}")]
    private static partial void LogRateLimited(ILogger logger, string keyName, string method);
}
