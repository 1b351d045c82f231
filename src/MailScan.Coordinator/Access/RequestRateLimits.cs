using System.Threading.RateLimiting;

namespace MailScan.Coordinator.Access;

/// <summary>
/// The request rate of each key: a token bucket per key name (System.Threading.RateLimiting),
/// holding RequestBurst calls and refilled at RequestsPerSecond. A call that finds the bucket
/// empty is refused at once, never queued.
/// </summary>
public sealed class RequestRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<ApiKey> _limiter = PartitionedRateLimiter.Create<ApiKey, string>(key =>
        key.RequestsPerSecond <= 0
            ? RateLimitPartition.GetNoLimiter(key.Name)
            : RateLimitPartition.GetTokenBucketLimiter(key.Name, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = key.RequestBurst,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1 / key.RequestsPerSecond),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));

    /// <summary>Takes one call from the key's bucket; false with the wait until the next token when it is empty.</summary>
    public bool TryTake(ApiKey key, out TimeSpan retryAfter)
    {
        using var lease = _limiter.AttemptAcquire(key);
        retryAfter = TimeSpan.Zero;
        if (lease.IsAcquired)
            return true;
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1 / key.RequestsPerSecond);
        return false;
    }

    public void Dispose() => _limiter.Dispose();
}
