using MailScan.Telemetry;
using Microsoft.Extensions.Caching.Memory;

namespace MailScan.Dns;

/// <summary>
/// The in-process level of the product's one cache (<see cref="Microsoft.Extensions.Caching.Hybrid.HybridCache"/>
/// takes it as its local level): every DNS answer, DNSSEC verdict, chain of trust, proven RRset and
/// host probe result this process keeps. Entries still expire by their TTL, but a TLD scan makes
/// new ones faster than an hour frees them, so their number is bounded too: before an entry is
/// added to a full cache, the least recently used twentieth is dropped (expired entries first).
/// The bound counts entries, not bytes: HybridCache sizes a local-only entry by what it would
/// serialise, which for an in-process value is its expiry alone.
/// </summary>
public sealed class BoundedMemoryCache : IMemoryCache
{
    /// <summary>The share of the bound dropped at once: sorting the entries by last use is paid every twentieth of the bound.</summary>
    public const double EvictedShare = 0.05;

    private readonly MemoryCache _inner;
    private readonly int _maxEntries;
    private readonly Lock _compacting = new();
    private long _evictions;

    // Counting MemoryCache's entries takes every lock of its dictionary, which contended threads
    // paid on every addition; the count read last plus the entries made since is an upper bound
    // (entries only come by this method), so the cache is counted only when that bound reaches the limit.
    private int _counted;
    private int _madeSinceCounted;

    /// <param name="maxEntries">At most this many entries (<c>Dns:CacheMaxEntries</c>).</param>
    /// <param name="time">The clock that says when an entry was last used and when it expires.</param>
    public BoundedMemoryCache(int maxEntries, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        _maxEntries = maxEntries;
        // MemoryCache keeps its own size accounting off: the bound is counted here, so an entry's size is never required.
        _inner = new MemoryCache(new MemoryCacheOptions { Clock = new Clock(time), ExpirationScanFrequency = TimeSpan.FromMinutes(1) });
    }

    /// <summary>Entries held now (some may have expired and not yet been swept).</summary>
    public int Count => _inner.Count;

    /// <summary>Entries dropped to keep the bound since this cache was made.</summary>
    public long Evictions => Interlocked.Read(ref _evictions);

    public bool TryGetValue(object key, out object? value) => _inner.TryGetValue(key, out value);

    public ICacheEntry CreateEntry(object key)
    {
        if ((long)Volatile.Read(ref _counted) + Interlocked.Increment(ref _madeSinceCounted) >= _maxEntries)
            Recount();
        return _inner.CreateEntry(key);
    }

    public void Remove(object key) => _inner.Remove(key);

    public void Dispose() => _inner.Dispose();

    /// <summary>
    /// Counts the entries; when the cache is full, drops the least recently used (expired ones
    /// first). One caller counts while the others go on.
    /// </summary>
    private void Recount()
    {
        if (!_compacting.TryEnter())
            return;
        try
        {
            Volatile.Write(ref _madeSinceCounted, 0);
            var held = _inner.Count;
            if (held >= _maxEntries)
            {
                _inner.Compact(EvictedShare);
                var dropped = Math.Max(0, held - _inner.Count);
                Interlocked.Add(ref _evictions, dropped);
                MailScanMetrics.CacheEvicted(dropped);
                held = _inner.Count;
            }
            Volatile.Write(ref _counted, held);
            MailScanMetrics.CacheEntries(held);
        }
        finally
        {
            _compacting.Exit();
        }
    }

#pragma warning disable CS0618 // MemoryCacheOptions takes its clock only as ISystemClock.
    private sealed class Clock(TimeProvider time) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
#pragma warning restore CS0618
}
