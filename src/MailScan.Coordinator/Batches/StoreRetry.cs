using StackExchange.Redis;

namespace MailScan.Coordinator.Batches;

/// <summary>
/// Rides out a batch store that is away for a moment (a Redis timeout under load, a failover):
/// the step is tried again for up to half a minute before the error goes up. Only idempotent
/// steps go through here (reads, logging a report: the reported set keeps it once).
/// </summary>
public static class StoreRetry
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(500);

    public static async Task<T> RunAsync<T>(Func<Task<T>> step, TimeProvider time, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow();
        while (true)
        {
            try
            {
                return await step().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException && time.GetUtcNow() - since < GiveUpAfter)
            {
                await Task.Delay(Pause, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
