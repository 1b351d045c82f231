using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MailScan.Coordinator.Access;
using MailScan.Coordinator.Batches;
using Microsoft.AspNetCore.Http;

namespace MailScan.Coordinator.BatchApi;

/// <summary>
/// The requests of the batch REST API: register, list, status, cancel. Each maps the HTTP request
/// to <see cref="BatchService"/> and its answer to Internet.nl's v2 bodies, nothing more.
/// </summary>
public static class BatchApiRequests
{
    /// <summary>The longest request name, as Internet.nl's <c>Handle</c>.</summary>
    public const int MaxNameLength = 255;

    /// <summary>POST /requests: <c>{"type": "mail", "domains": [...], "name": "..."}</c>.</summary>
    public static async Task<IResult> RegisterAsync(HttpContext http, BatchService batches, BatchQuotas quotas)
    {
        var body = await ReadObjectAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
        if (body is null)
            return BadRequest("the body is not a JSON object; send {\"type\": \"mail\", \"domains\": [...]}");
        var missing = new[] { "type", "domains" }.Where(f => body[f] is null).ToList();
        if (missing.Count > 0)
            return BadRequest(string.Join(" ", missing.Select(f => $"'{f}' is missing from the request.")));
        if (body["type"] is not JsonValue type || !type.TryGetValue<string>(out var kind) || !string.Equals(kind, "mail", StringComparison.OrdinalIgnoreCase))
            return BadRequest("this coordinator runs the mail test only: 'type' must be \"mail\"");
        if (body["domains"] is not JsonArray { Count: > 0 } domains || domains.Any(d => d is not JsonValue v || !v.TryGetValue<string>(out _)))
            return BadRequest("'domains' must be a non-empty list of domain names");
        var name = BatchApiReplies.DefaultName;
        if (body["name"] is { } given && (given is not JsonValue n || !n.TryGetValue(out name!) || name.Length > MaxNameLength))
            return BadRequest($"'name' must be a string of at most {MaxNameLength} characters");

        return await BatchApiErrors.GuardAsync(async () =>
        {
            var collector = batches.NewCollector();
            foreach (var domain in domains)
            {
                collector.Add(domain!.GetValue<string>());
                if (collector.OverLimit)
                    break;
            }
            var caller = BatchApiDoor.Caller(http);
            await using var admission = caller is null ? null
                : await quotas.AdmitBatchAsync(caller, collector.Names.Count, http.RequestAborted).ConfigureAwait(false);
            var submission = await batches.SubmitAsync(collector, BatchApiDoor.Owner(http), name, http.RequestAborted).ConfigureAwait(false);
            if (admission is not null)
                await admission.CommitAsync(submission.Batch.Id, http.RequestAborted).ConfigureAwait(false);
            return BatchApiReplies.Json(BatchApiReplies.Reply(("request", BatchApiReplies.Request(submission.Batch, progress: false))));
        }).ConfigureAwait(false);
    }

    /// <summary>GET /requests?limit=N&amp;progress=true: the caller's requests, newest first (10 unless a limit is given, 0 for all).</summary>
    public static async Task<IResult> ListAsync(HttpContext http, BatchService batches)
    {
        var limit = 10;
        if (http.Request.Query.TryGetValue("limit", out var given) && (!int.TryParse(given, NumberStyles.None, CultureInfo.InvariantCulture, out limit)))
            return BadRequest("'limit' must be a whole number, 0 for all");
        var progress = WantsProgress(http.Request);
        return await BatchApiErrors.GuardAsync(async () =>
        {
            var listed = await batches.ListAsync(BatchApiDoor.Owner(http), limit, http.RequestAborted).ConfigureAwait(false);
            return BatchApiReplies.Json(BatchApiReplies.Reply(("requests", new JsonArray([.. listed.Select(b => BatchApiReplies.Request(b, progress))]))));
        }).ConfigureAwait(false);
    }

    /// <summary>GET /requests/{id}?progress=true: one request.</summary>
    public static Task<IResult> StatusAsync(string requestId, HttpContext http, BatchService batches) =>
        BatchApiErrors.GuardAsync(async () =>
        {
            var progress = await batches.GetAsync(requestId, BatchApiDoor.Owner(http), http.RequestAborted).ConfigureAwait(false);
            return BatchApiReplies.Json(BatchApiReplies.Reply(("request", BatchApiReplies.Request(progress.Batch, WantsProgress(http.Request)))));
        });

    /// <summary>PATCH /requests/{id} with <c>{"status": "cancelled"}</c>: stops a request; what was reported stays readable.</summary>
    public static Task<IResult> CancelAsync(string requestId, HttpContext http, BatchService batches) =>
        BatchApiErrors.GuardAsync(async () =>
        {
            // An unknown id is 404 before anything is said about the body, as Internet.nl answers.
            await batches.GetAsync(requestId, BatchApiDoor.Owner(http), http.RequestAborted).ConfigureAwait(false);
            var body = await ReadObjectAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
            if (body?["status"] is not JsonValue status || !status.TryGetValue<string>(out var wanted))
                return BadRequest("'status' is missing from the request; send {\"status\": \"cancelled\"}");
            if (!string.Equals(wanted, "cancelled", StringComparison.OrdinalIgnoreCase))
                return BadRequest("'status' can only be set to \"cancelled\"");
            var cancelled = await batches.CancelAsync(requestId, BatchApiDoor.Owner(http), http.RequestAborted).ConfigureAwait(false);
            return BatchApiReplies.Json(BatchApiReplies.Reply(("request", BatchApiReplies.Request(cancelled.Batch, progress: false))));
        });

    private static bool WantsProgress(HttpRequest request) =>
        string.Equals(request.Query["progress"], "true", StringComparison.OrdinalIgnoreCase);

    private static IResult BadRequest(string message) => BatchApiReplies.Error(StatusCodes.Status400BadRequest, "bad-request", message);

    /// <summary>The body as a JSON object, or null when it is not one.</summary>
    private static async Task<JsonObject?> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
