using System.Text.Json.Nodes;
using MailScan.Coordinator.Batches;
using MailScan.Coordinator.InternetNl;
using Microsoft.AspNetCore.Http;

namespace MailScan.Coordinator.BatchApi;

/// <summary>The bodies of the batch REST API in Internet.nl's v2 shape (docs/internetnl/batch-api.openapi.yaml). Pure.</summary>
public static class BatchApiReplies
{
    /// <summary>The request name given when a registration names none, as Internet.nl does.</summary>
    public const string DefaultName = "no-name";

    /// <summary>A batch as the API's <c>Request</c> object; with <paramref name="progress"/>, "done/total" and the number of domains.</summary>
    public static JsonObject Request(BatchRecord batch, bool progress)
    {
        var request = new JsonObject
        {
            ["request_id"] = batch.Id,
            ["name"] = batch.Label.Length == 0 ? DefaultName : batch.Label,
            ["request_type"] = "mail",
            ["status"] = Status(batch.Phase),
            ["submit_date"] = InternetNlResults.Date(batch.CreatedAt),
            ["finished_date"] = batch.FinishedAt is { } finished ? InternetNlResults.Date(finished) : null,
        };
        if (progress)
        {
            request["progress"] = $"{batch.Done}/{batch.Total}";
            request["num_domains"] = batch.Total;
        }
        return request;
    }

    /// <summary>Our phases in the API's status words: running, done, cancelled.</summary>
    public static string Status(BatchPhase phase) => phase switch
    {
        BatchPhase.Running => "running",
        BatchPhase.Completed => "done",
        _ => "cancelled",
    };

    /// <summary>A reply: <c>api_version</c> first, then <paramref name="fields"/>.</summary>
    public static JsonObject Reply(params (string Name, JsonNode? Value)[] fields)
    {
        var reply = new JsonObject { ["api_version"] = InternetNlResults.ApiVersion };
        foreach (var (name, value) in fields)
            reply[name] = value;
        return reply;
    }

    /// <summary>An error reply: its label (bad-request, unknown-request, unauthorised, over-quota, rate-limited, server-error) and one line saying why.</summary>
    public static IResult Error(int status, string label, string message) =>
        Json(Reply(("error", new JsonObject { ["label"] = label, ["msg"] = message })), status);

    public static IResult Json(JsonNode body, int status = StatusCodes.Status200OK) =>
        Results.Content(body.ToJsonString(), "application/json", System.Text.Encoding.UTF8, status);
}
