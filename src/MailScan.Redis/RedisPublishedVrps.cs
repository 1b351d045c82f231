using StackExchange.Redis;

namespace MailScan.Redis;

/// <summary>The VRP set <see cref="VrpPublisher"/> keeps in Redis: a pointer key naming the current version, one key per version.</summary>
public sealed class RedisPublishedVrps(IConnectionMultiplexer redis, RedisKeys keys) : IPublishedVrps
{
    public string Location => $"redis:{keys.VrpCurrent}";

    public async Task<string?> CurrentVersionAsync(CancellationToken cancellationToken)
    {
        var current = await redis.GetDatabase().StringGetAsync(keys.VrpCurrent).WaitAsync(cancellationToken).ConfigureAwait(false);
        return current.HasValue ? (string?)current : null;
    }

    public async Task<byte[]?> ReadAsync(string version, CancellationToken cancellationToken) =>
        await redis.GetDatabase().StringGetAsync(keys.VrpVersion(version)).WaitAsync(cancellationToken).ConfigureAwait(false);
}
