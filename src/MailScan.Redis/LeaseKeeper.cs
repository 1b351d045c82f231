namespace MailScan.Redis;

/// <summary>
/// Keeps a short Redis lease alive while its holder works: renews it every few seconds, so a
/// holder that dies (SIGKILL, a lost machine) frees its lease within one lease time instead of
/// holding it for the longest a probe may take.
/// </summary>
public sealed class LeaseKeeper : IAsyncDisposable
{
    /// <summary>How long a lease lives without renewal.</summary>
    public static TimeSpan LeaseTime { get; } = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;

    public LeaseKeeper(Func<Task> renew, TimeProvider time)
    {
        _renewing = RenewAsync(renew, time, _stop.Token);
    }

    private static async Task RenewAsync(Func<Task> renew, TimeProvider time, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(RenewEvery, time, stop).ConfigureAwait(false);
                await renew().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
            {
                // Redis is away for a moment; the next renewal tries again, the lease may lapse meanwhile.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewing.ConfigureAwait(false);
        _stop.Dispose();
    }
}
