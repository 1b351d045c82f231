using System.Collections.Concurrent;
using MailScan.Dns.Dnssec;
using Microsoft.Extensions.Caching.Distributed;

namespace MailScan.Dns.Tests.Dnssec;

/// <summary>A second-level cache (as Redis would be) that remembers which keys were written to it.</summary>
internal sealed class RecordingDistributedCache : IDistributedCache
{
    private readonly ConcurrentDictionary<string, byte[]> _values = new();
    private readonly ConcurrentQueue<string> _written = new();

    public IReadOnlyCollection<string> Written => _written;

    public byte[]? Get(string key) => _values.GetValueOrDefault(key);

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Task.FromResult(Get(key));

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        _written.Enqueue(key);
        _values[key] = value;
    }

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        Set(key, value, options);
        return Task.CompletedTask;
    }

    public void Refresh(string key)
    {
    }

    public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

    public void Remove(string key) => _values.TryRemove(key, out _);

    public Task RemoveAsync(string key, CancellationToken token = default)
    {
        Remove(key);
        return Task.CompletedTask;
    }
}
