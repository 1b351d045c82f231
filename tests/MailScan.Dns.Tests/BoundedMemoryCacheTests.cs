using MailScan.Dns;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MailScan.Dns.Tests;

/// <summary>The in-process cache level stays within Dns:CacheMaxEntries and gives up its least recently used entries first.</summary>
public sealed class BoundedMemoryCacheTests
{
    [Fact]
    public void A_full_cache_drops_its_least_recently_used_entries_and_keeps_the_ones_just_read()
    {
        var time = new FakeTimeProvider();
        using var cache = new BoundedMemoryCache(1000, time);
        for (var i = 0; i < 1000; i++)
            Add(cache, time, i);
        // The oldest hundred are read again: now the most recently used.
        for (var i = 0; i < 100; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(1));
            Assert.True(cache.TryGetValue(i, out _));
        }

        Add(cache, time, 1000);

        Assert.Equal(50, cache.Evictions);
        Assert.Equal(951, cache.Count);
        Assert.All(Enumerable.Range(0, 100), i => Assert.True(cache.TryGetValue(i, out _), $"entry {i} was read last and must stay"));
        Assert.All(Enumerable.Range(100, 50), i => Assert.False(cache.TryGetValue(i, out _), $"entry {i} was the least recently used and must go"));
        Assert.All(Enumerable.Range(150, 851), i => Assert.True(cache.TryGetValue(i, out _), $"entry {i} must stay"));
    }

    [Fact]
    public void Expired_entries_go_before_any_entry_that_still_holds()
    {
        var time = new FakeTimeProvider();
        using var cache = new BoundedMemoryCache(1000, time);
        for (var i = 0; i < 1000; i++)
            Add(cache, time, i, expiresIn: i >= 900 ? TimeSpan.FromSeconds(1) : null);
        time.Advance(TimeSpan.FromSeconds(2));

        Add(cache, time, 1000);

        Assert.Equal(100, cache.Evictions);
        Assert.All(Enumerable.Range(0, 900), i => Assert.True(cache.TryGetValue(i, out _), $"entry {i} has not expired and must stay"));
    }

    [Fact]
    public async Task HybridCache_over_it_never_holds_more_than_the_bound_however_many_keys_pass()
    {
        var time = new FakeTimeProvider();
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(time)
            .AddSingleton(Options.Create(new DnsOptions { CacheMaxEntries = 1000 }))
            .AddMailScanCache()
            .BuildServiceProvider();
        var hybrid = services.GetRequiredService<HybridCache>();
        var local = Assert.IsType<BoundedMemoryCache>(services.GetRequiredService<IMemoryCache>());
        var largest = 0;

        for (var i = 0; i < 10_000; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(1));
            await hybrid.GetOrCreateAsync($"dns:key{i}", _ => ValueTask.FromResult(new byte[64]));
            // One key is read between every two new ones: it must never be the one dropped.
            time.Advance(TimeSpan.FromMilliseconds(1));
            var made = false;
            await hybrid.GetOrCreateAsync("dns:hot", _ => { made = true; return ValueTask.FromResult(new byte[64]); });
            Assert.True(i == 0 || !made, $"the key read every time was dropped after {i} new keys");
            largest = Math.Max(largest, local.Count);
        }

        Assert.InRange(largest, 900, 1000);
        Assert.True(local.Evictions >= 9000, $"{local.Evictions} evictions for 10 001 keys in a cache of 1 000");
    }

    private static void Add(BoundedMemoryCache cache, FakeTimeProvider time, int key, TimeSpan? expiresIn = null)
    {
        time.Advance(TimeSpan.FromMilliseconds(1));
        using var entry = cache.CreateEntry(key);
        entry.Value = $"value {key}";
        entry.AbsoluteExpirationRelativeToNow = expiresIn;
    }
}
