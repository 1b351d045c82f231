using StackExchange.Redis;

namespace MailScan.Redis;

/// <summary>
/// Rides out a Redis that is away for a moment (a timeout under load, a restart, a failover):
/// the step is tried again for up to half a minute, or until the caller gives up, before the
/// error goes up. Only steps that may run twice go through here (reads, logging a report that
/// the reported set keeps once, taking a lease or a lock that names its holder).
/// </summary>
public static class RedisRetry
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
            catch (Exception ex) when (IsOutage(ex) && time.GetUtcNow() - since < GiveUpAfter)
            {
                await Task.Delay(Pause, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Whether an exception says Redis cannot be reached now (as opposed to a bad command).</summary>
    public static bool IsOutage(Exception ex) => ex is RedisConnectionException or RedisTimeoutException or TimeoutException
        || (ex is RedisServerException server && server.Message.StartsWith("LOADING", StringComparison.Ordinal));
}
