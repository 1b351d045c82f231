using System.Text.Json.Nodes;
using MailScan.Contracts.V1;
using MailScan.Coordinator.Batches;
using MailScan.Coordinator.InternetNl;
using Microsoft.AspNetCore.Http;

namespace MailScan.Coordinator.BatchApi;

/// <summary>
/// GET /requests/{id}/results and /results_technical: once a request is done, every domain of its
/// result log in Internet.nl's shape (<see cref="InternetNlDomain"/>, <see cref="InternetNlTechnical"/>);
/// before that, 400 as Internet.nl answers.
/// </summary>
public static class BatchApiResults
{
    public static Task<IResult> ResultsAsync(string requestId, HttpContext http, BatchService batches) =>
        DocumentAsync(requestId, http, batches, InternetNlDomain.From);

    public static Task<IResult> TechnicalAsync(string requestId, HttpContext http, BatchService batches) =>
        DocumentAsync(requestId, http, batches, InternetNlTechnical.From);

    private static Task<IResult> DocumentAsync(string requestId, HttpContext http, BatchService batches, Func<DomainReport, JsonObject> shape) =>
        BatchApiErrors.GuardAsync(async () =>
        {
            var owner = BatchApiDoor.Owner(http);
            var batch = (await batches.GetAsync(requestId, owner, http.RequestAborted).ConfigureAwait(false)).Batch;
            if (batch.Phase != BatchPhase.Completed)
                return BatchApiReplies.Error(StatusCodes.Status400BadRequest, "bad-request", $"the request is {BatchApiReplies.Status(batch.Phase)}; results are there once it is done");
            var reports = new List<DomainReport>();
            await foreach (var result in batches.FollowAsync(batch.Id, owner, 0, http.RequestAborted).ConfigureAwait(false))
                reports.Add(result.Message());
            return BatchApiReplies.Json(BatchApiReplies.Reply(
                ("request", BatchApiReplies.Request(batch, progress: false)),
                ("domains", InternetNlResults.Domains(reports, shape))));
        });
}
