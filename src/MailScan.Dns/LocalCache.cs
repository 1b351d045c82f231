using Microsoft.Extensions.Caching.Hybrid;

namespace MailScan.Dns;

/// <summary>
/// The product's one cache, <see cref="HybridCache"/>, at its local (in-process) level only, for
/// two kinds of values. Objects that are costly to rebuild and pointless to share: parsed DNS
/// messages, imported public keys. And what must not be believed from a shared level: DNSSEC
/// verdicts, chains of trust and proven signatures, which anyone able to write to a shared cache
/// (Redis) could forge. The shared level holds raw DNS messages, which are validated again when
/// read; Unbound draws the same line, its shared cache sitting below its validator ("validator
/// cachedb iterator"). Every entry carries its own expiry, checked against the caller's clock.
/// </summary>
public sealed class LocalCache(HybridCache cache, TimeSpan maxTtl)
{
    private static readonly HybridCacheEntryOptions ReadOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableDistributedCache | HybridCacheEntryFlags.DisableUnderlyingData | HybridCacheEntryFlags.DisableLocalCacheWrite,
    };

    /// <summary>The longest time anything is kept (<c>Dns:CacheMaxTtl</c>).</summary>
    public TimeSpan MaxTtl => maxTtl;

    /// <summary>The last moment (Unix seconds) a value made at <paramref name="now"/> may be kept, given its own limits.</summary>
    public long Horizon(long now, long expiresUnix) => Math.Min(expiresUnix, now + (long)maxTtl.TotalSeconds);

    /// <summary>
    /// The value for the key while it holds at <paramref name="now"/>; else the one <paramref name="create"/>
    /// makes, shared by every caller waiting for the same key, and kept until its expiry unless that is not after now.
    /// </summary>
    public async Task<T> GetOrCreateAsync<T>(string key, long now, Func<CancellationToken, Task<Expiring<T>>> create, CancellationToken cancellationToken)
    {
        for (var round = 0; round < 2; round++)
        {
            Expiring<T>? fresh = null;
            Expiring<T> entry;
            try
            {
                entry = await cache.GetOrCreateAsync(key, async token =>
                {
                    var made = await create(token).ConfigureAwait(false);
                    fresh = new Expiring<T>(made.Value, Horizon(now, made.ExpiresUnix));
                    return fresh.ExpiresUnix <= now ? throw new NotKept(fresh) : fresh;
                }, Local(maxTtl), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (NotKept notKept)
            {
                return ((Expiring<T>)notKept.Entry).Value;
            }
            if (fresh is not null)
            {
                await ShortenAsync(key, fresh, now, cancellationToken).ConfigureAwait(false);
                return fresh.Value;
            }
            if (entry.ExpiresUnix > now)
                return entry.Value;
            await cache.RemoveAsync(key, cancellationToken).ConfigureAwait(false);
        }
        var last = await create(cancellationToken).ConfigureAwait(false);
        return last.Value;
    }

    /// <summary>The value for the key if one is kept and holds at <paramref name="now"/>; else default.</summary>
    public async Task<T?> GetAsync<T>(string key, long now)
    {
        // Nothing to wait for (no factory, no shared level), so no cancellation: the cache then answers inline.
        var entry = await cache.GetOrCreateAsync<Expiring<T>?>(key, _ => ValueTask.FromResult<Expiring<T>?>(null), ReadOnly, cancellationToken: CancellationToken.None).ConfigureAwait(false);
        return entry is not null && entry.ExpiresUnix > now ? entry.Value : default;
    }

    /// <summary>Keeps a value until its expiry (at most <see cref="MaxTtl"/> from now); one that does not outlive now is not kept.</summary>
    public async Task SetAsync<T>(string key, T value, long expiresUnix, long now, CancellationToken cancellationToken)
    {
        var until = Horizon(now, expiresUnix);
        if (until > now)
            await cache.SetAsync(key, new Expiring<T>(value, until), Local(TimeSpan.FromSeconds(until - now)), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A fresh entry was stored for the longest time; store it again for its own, so memory is freed when it expires.</summary>
    private async Task ShortenAsync<T>(string key, Expiring<T> fresh, long now, CancellationToken cancellationToken)
    {
        if (fresh.ExpiresUnix - now < (long)maxTtl.TotalSeconds)
            await cache.SetAsync(key, fresh, Local(TimeSpan.FromSeconds(fresh.ExpiresUnix - now)), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static HybridCacheEntryOptions Local(TimeSpan ttl) => new()
    {
        Expiration = ttl,
        LocalCacheExpiration = ttl,
        Flags = HybridCacheEntryFlags.DisableDistributedCache,
    };

    /// <summary>Carries a value that must not be kept out of the cache's factory, to every waiting caller.</summary>
    private sealed class NotKept(object entry) : Exception("value not kept")
    {
        public object Entry { get; } = entry;
    }
}
