using MailScan.Coordinator.Access;

namespace MailScan.Coordinator.Tests.Access;

/// <summary>
/// The token bucket is System.Threading.RateLimiting's, which reads the monotonic clock, not a
/// TimeProvider (dotnet/runtime#106447): exhaustion is tested with a refill far slower than the
/// test, the refill by waiting for a fast one to give a token back.
/// </summary>
public sealed class RequestRateLimitsTests
{
    [Fact]
    public void A_key_gets_its_burst_and_then_is_told_how_long_to_wait()
    {
        using var rates = new RequestRateLimits();
        var key = new ApiKey("research", 0, 0, RequestsPerSecond: 0.001, RequestBurst: 3);
        for (var i = 0; i < 3; i++)
            Assert.True(rates.TryTake(key, out _));
        Assert.False(rates.TryTake(key, out var retryAfter));
        Assert.True(retryAfter > TimeSpan.FromSeconds(100), $"retry after {retryAfter}");
    }

    [Fact]
    public void Each_key_has_its_own_bucket()
    {
        using var rates = new RequestRateLimits();
        var research = new ApiKey("research", 0, 0, 0.001, 1);
        Assert.True(rates.TryTake(research, out _));
        Assert.False(rates.TryTake(research, out _));
        Assert.True(rates.TryTake(research with { Name = "ops" }, out _));
    }

    [Fact]
    public void A_key_without_a_rate_is_never_limited()
    {
        using var rates = new RequestRateLimits();
        var key = new ApiKey("ops", 0, 0, 0, 1);
        for (var i = 0; i < 1000; i++)
            Assert.True(rates.TryTake(key, out _));
    }

    [Fact]
    public async Task An_empty_bucket_fills_again_at_the_rate()
    {
        using var rates = new RequestRateLimits();
        var key = new ApiKey("research", 0, 0, RequestsPerSecond: 20, RequestBurst: 1);
        while (rates.TryTake(key, out _))
        {
            // Empties the bucket, however fast the machine.
        }
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!rates.TryTake(key, out _))
            await Task.Delay(20, patience.Token);
    }
}
