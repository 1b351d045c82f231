using System.Globalization;
using MailScan.Coordinator.Access;
using MailScan.Coordinator.Batches;
using Microsoft.AspNetCore.Http;

namespace MailScan.Coordinator.BatchApi;

/// <summary>
/// The door of the batch REST API: the decision is <see cref="ApiKeyGate"/>'s, as for gRPC; this
/// filter only finds the key (HTTP Basic, the key as password, or Bearer) and speaks HTTP: 401
/// with a Basic challenge for no key or an unknown one, 429 with Retry-After for a key over its
/// request rate. The key found is left in the request's items for the handlers.
/// </summary>
public sealed class BatchApiDoor(ApiKeyGate gate) : IEndpointFilter
{
    private const string CallerSlot = "mailscan.api-key";

    /// <summary>Who owns the batches of a request: its key's name, "" when the API is open.</summary>
    public static string Owner(HttpContext context) => Caller(context)?.Name ?? BatchService.KeylessOwner;

    /// <summary>The key the request came with; null when the API is open.</summary>
    public static ApiKey? Caller(HttpContext context) => context.Items.TryGetValue(CallerSlot, out var key) ? key as ApiKey : null;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var presented = gate.IsOpen ? null : BatchApiCredentials.KeyOf(http.Request.Headers.Authorization);
        var decision = gate.Admit(presented, $"{http.Request.Method} {http.Request.Path}", http.Connection.RemoteIpAddress?.ToString() ?? "?");
        switch (decision.Refusal)
        {
            case AccessRefusal.Unauthenticated:
                http.Response.Headers.WWWAuthenticate = "Basic realm=\"mailscan batch API\", charset=\"UTF-8\"";
                return BatchApiReplies.Error(StatusCodes.Status401Unauthorized, "unauthorised",
                    presented is null ? "this coordinator needs an API key: send HTTP Basic credentials with the key as password" : decision.Message);
            case AccessRefusal.RateLimited:
                var wait = Math.Max(1, (int)Math.Ceiling(decision.RetryAfter.TotalSeconds));
                http.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
                return BatchApiReplies.Error(StatusCodes.Status429TooManyRequests, "rate-limited", decision.Message);
        }
        if (decision.Key is not null)
            http.Items[CallerSlot] = decision.Key;
        return await next(context).ConfigureAwait(false);
    }
}
