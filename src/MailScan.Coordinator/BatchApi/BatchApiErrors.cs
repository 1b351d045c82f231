using MailScan.Coordinator.Batches;
using Microsoft.AspNetCore.Http;

namespace MailScan.Coordinator.BatchApi;

/// <summary>Batch problems as the REST API's status codes and error labels; a store that cannot be reached is a server error.</summary>
public static class BatchApiErrors
{
    public static async Task<IResult> GuardAsync(Func<Task<IResult>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (BatchRequestException ex)
        {
            return ex.Problem switch
            {
                BatchProblem.UnknownBatch => BatchApiReplies.Error(StatusCodes.Status404NotFound, "unknown-request", "no request with this id for this API key"),
                BatchProblem.OverQuota => BatchApiReplies.Error(StatusCodes.Status429TooManyRequests, "over-quota", ex.Message),
                _ => BatchApiReplies.Error(StatusCodes.Status400BadRequest, "bad-request", ex.Message),
            };
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            return BatchApiReplies.Error(StatusCodes.Status500InternalServerError, "server-error", $"the batch store cannot be reached: {ex.Message}");
        }
    }
}
