using Grpc.Core;
using Grpc.Core.Interceptors;

namespace MailScan.Coordinator.Access;

/// <summary>
/// The door of the scanner's gRPC service (health and reflection are not behind it): a call must
/// carry a configured API key, as `authorization: Bearer KEY` or `x-api-key: KEY`, else it is
/// Unauthenticated; a key over its request rate is ResourceExhausted with the wait in the message.
/// The key found is left in the call's user state for the quotas. The decision is <see cref="ApiKeyGate"/>'s.
/// </summary>
public sealed class ApiKeyInterceptor(ApiKeyGate gate) : Interceptor
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
        var decision = gate.Admit(PresentedKey(context.RequestHeaders), context.Method, context.Peer);
        if (!decision.Allowed)
            throw new RpcException(new Status(decision.Refusal == AccessRefusal.RateLimited ? StatusCode.ResourceExhausted : StatusCode.Unauthenticated, decision.Message));
        if (decision.Key is not null)
            context.UserState[CallerSlot] = decision.Key;
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
}
