using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace MailScan.Cli.Hosting;

/// <summary>Ready only while Redis answers: batch state, the cache and the connection gate live there.</summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync().ConfigureAwait(false);
            return HealthCheckResult.Healthy($"Redis answers in {latency.TotalMilliseconds:0.0} ms");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"Redis does not answer: {ex.Message}");
        }
    }
}
