using StackExchange.Redis;

namespace MailScan.Redis.Notices;

/// <summary>
/// Notices of one kind across the cluster: one Redis pub/sub channel, one subscription per process
/// (whatever the number of waiters), each message a key handed to the waiters of that key in this
/// process. Notices are a shortcut, not a guarantee: a message sent while the subscription
/// reconnects is lost, so every waiter still looks again after <see cref="SlowCheck"/>.
/// </summary>
public sealed class RedisNoticeChannel : INoticeSource
{
    private readonly IConnectionMultiplexer _redis;
    private readonly NoticeBoard _board = new();
    private readonly Lock _lock = new();
    private Task? _subscribed;

    public RedisNoticeChannel(IConnectionMultiplexer redis, RedisChannel channel, TimeSpan slowCheck)
    {
        _redis = redis;
        Channel = channel;
        SlowCheck = slowCheck;
        EnsureSubscribed();
    }

    /// <summary>The channel the notices go to (publish to it from a script with the key as the message).</summary>
    public RedisChannel Channel { get; }

    public TimeSpan SlowCheck { get; }

    /// <summary>Keys waited for in this process now.</summary>
    public int Waiting => _board.Keys;

    public Notice Listen(string key)
    {
        EnsureSubscribed();
        return _board.Listen(key);
    }

    private void EnsureSubscribed()
    {
        lock (_lock)
        {
            // StackExchange.Redis subscribes again by itself after a reconnect; only a subscription that never took is tried again.
            if (_subscribed is not null)
                return;
            _subscribed = SubscribeAsync();
        }
    }

    private async Task SubscribeAsync()
    {
        // Off the caller's lock: a failure below clears the field this call's task is stored in.
        await Task.Yield();
        try
        {
            await _redis.GetSubscriber().SubscribeAsync(Channel, (_, message) => _board.Deliver(message!)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Redis is away: the waits meanwhile end by their slow check; the next listener subscribes again.
            lock (_lock)
                _subscribed = null;
        }
    }
}
