using System.Buffers.Binary;
using System.Text;
using MailScan.Dns.Wire;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace MailScan.Dns;

/// <summary>
/// DNS responses cached by TTL in <see cref="HybridCache"/>, in this process only: the recursive
/// resolver every worker asks is already the cache they share, and a Redis copy of each message
/// cost five commands (a miss, two writes and their expiries) for answers that are mostly one
/// domain's own. Identical queries in flight share one exchange. The entry is the raw message
/// with its expiry time; the parsed message is kept beside it (see <see cref="LocalCache"/>), so a
/// hit costs no parsing. Failures and zero-TTL answers are shared with the callers waiting but not
/// kept.
/// </summary>
public sealed class DnsMessageCache(HybridCache cache, TimeProvider time, IOptions<DnsOptions> options)
{
    /// <summary>Messages larger than this are kept raw only (a DNSKEY set with RSA-4096 keys is ~2 KiB; real MX or TXT sets rarely pass 4 KiB).</summary>
    private const int MaxParsedBytes = 8 * 1024;

    private readonly DnsOptions _options = options.Value;
    private readonly LocalCache _parsed = new(cache, options.Value.CacheMaxTtl);

    /// <summary>The cached exchange for the key, else runs <paramref name="exchange"/> once for all callers.</summary>
    public async Task<DnsExchange> GetOrExchangeAsync(string key, Func<CancellationToken, Task<DnsExchange>> exchange, CancellationToken cancellationToken)
    {
        var made = false;
        var result = await _parsed.GetOrCreateAsync($"{key}:parsed", time.GetUtcNow().ToUnixTimeSeconds(), async shared =>
        {
            made = true;
            var (fresh, expires) = await RawAsync(key, exchange, shared).ConfigureAwait(false);
            // Whole seconds, rounded down: the parsed entry never outlives the raw one. A large
            // message is kept raw only: parsed, its records cost ten times its bytes, and a
            // hostile server can answer every question with 64 KiB.
            return new Expiring<DnsExchange>(fresh, KeepParsed(fresh) ? expires.ToUnixTimeSeconds() : 0);
        }, cancellationToken).ConfigureAwait(false);
        return made ? result : result with { FromCache = true };
    }

    /// <summary>The raw level: the exchange and until when it may be kept (not after now: not kept).</summary>
    private async Task<(DnsExchange Exchange, DateTimeOffset Expires)> RawAsync(string key, Func<CancellationToken, Task<DnsExchange>> exchange, CancellationToken cancellationToken)
    {
        for (var round = 0; round < 2; round++)
        {
            DnsExchange? fresh = null;
            byte[] entry;
            try
            {
                entry = await cache.GetOrCreateAsync(
                    key,
                    async token =>
                    {
                        fresh = await exchange(token).ConfigureAwait(false);
                        var ttl = CacheTtl(fresh);
                        if (ttl <= TimeSpan.Zero)
                            throw new NotKept(fresh);
                        return Envelope(fresh, time.GetUtcNow() + ttl);
                    },
                    Entry(_options.CacheMaxTtl),
                    cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (NotKept notKept)
            {
                return (notKept.Exchange, DateTimeOffset.MinValue);
            }
            if (fresh is not null)
            {
                var ttl = CacheTtl(fresh);
                if (ttl < _options.CacheMaxTtl)
                    await cache.SetAsync(key, entry, Entry(ttl), cancellationToken: cancellationToken).ConfigureAwait(false);
                return (fresh, DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(entry)));
            }
            var (expires, cached) = Open(entry);
            if (cached is not null && expires > time.GetUtcNow())
                return (cached, expires);
            await cache.RemoveAsync(key, cancellationToken).ConfigureAwait(false);
        }
        return (await exchange(cancellationToken).ConfigureAwait(false), DateTimeOffset.MinValue);
    }

    private static bool KeepParsed(DnsExchange exchange) => exchange.Raw is not { Length: > MaxParsedBytes };

    private TimeSpan CacheTtl(DnsExchange exchange)
    {
        if (exchange.Outcome != DnsOutcome.Answered || exchange.Message is not { Rcode: 0 or 3 } message || exchange.Raw is null)
            return TimeSpan.Zero;
        var ttl = TimeSpan.FromSeconds(message.MinimumTtl());
        return ttl > _options.CacheMaxTtl ? _options.CacheMaxTtl : ttl;
    }

    private static HybridCacheEntryOptions Entry(TimeSpan ttl) =>
        new() { Expiration = ttl, LocalCacheExpiration = ttl, Flags = HybridCacheEntryFlags.DisableDistributedCache };

    private static byte[] Envelope(DnsExchange exchange, DateTimeOffset expires)
    {
        var server = Encoding.UTF8.GetBytes(exchange.Server);
        var entry = new byte[8 + 1 + server.Length + exchange.Raw!.Length];
        BinaryPrimitives.WriteInt64BigEndian(entry, expires.ToUnixTimeMilliseconds());
        entry[8] = (byte)Math.Min(server.Length, 255);
        server.AsSpan(0, entry[8]).CopyTo(entry.AsSpan(9));
        exchange.Raw.CopyTo(entry.AsSpan(9 + entry[8]));
        return entry;
    }

    /// <summary>Reads an entry back; an entry that does not parse (another version wrote it) counts as expired.</summary>
    private static (DateTimeOffset Expires, DnsExchange? Exchange) Open(byte[] entry)
    {
        if (entry.Length < 9 || entry.Length < 9 + entry[8])
            return (DateTimeOffset.MinValue, null);
        var expires = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(entry));
        var server = Encoding.UTF8.GetString(entry, 9, entry[8]);
        var raw = entry.AsSpan(9 + entry[8]).ToArray();
        var (message, error) = DnsWireReader.Read(raw);
        return error is null
            ? (expires, new DnsExchange(DnsOutcome.Answered, message, raw, server, TimeSpan.Zero) { FromCache = true })
            : (DateTimeOffset.MinValue, null);
    }

    /// <summary>Carries an exchange that must not be cached out of the cache's factory, to every waiting caller.</summary>
    private sealed class NotKept(DnsExchange exchange) : Exception("DNS answer not cached")
    {
        public DnsExchange Exchange { get; } = exchange;
    }
}
