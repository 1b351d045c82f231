using MailScan.Coordinator.Batches;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MailScan.Coordinator.BatchApi;

/// <summary>Maps Internet.nl's batch API v2 (mail requests) under /api/batch/v2, every route behind <see cref="BatchApiDoor"/>.</summary>
public static class BatchApiEndpoints
{
    public const string BasePath = "/api/batch/v2";

    /// <summary>Maps the routes; the caller decides on which listener they answer (RequireHost).</summary>
    public static RouteGroupBuilder MapInternetNlBatchApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(BasePath).AddEndpointFilter<BatchApiDoor>();
        api.MapPost("/requests", BatchApiRequests.RegisterAsync);
        api.MapGet("/requests", BatchApiRequests.ListAsync);
        api.MapGet("/requests/{request_id}", (string request_id, HttpContext http, BatchService batches) => BatchApiRequests.StatusAsync(request_id, http, batches));
        api.MapMethods("/requests/{request_id}", [HttpMethods.Patch], (string request_id, HttpContext http, BatchService batches) => BatchApiRequests.CancelAsync(request_id, http, batches));
        api.MapGet("/requests/{request_id}/results", (string request_id, HttpContext http, BatchService batches) => BatchApiResults.ResultsAsync(request_id, http, batches));
        api.MapGet("/requests/{request_id}/results_technical", (string request_id, HttpContext http, BatchService batches) => BatchApiResults.TechnicalAsync(request_id, http, batches));
        return api;
    }
}
