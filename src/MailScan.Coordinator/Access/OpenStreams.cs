using MailScan.Coordinator.Batches;
using MailScan.Telemetry;
using Microsoft.Extensions.Options;

namespace MailScan.Coordinator.Access;

/// <summary>
/// The long calls open now — domain scans and batch result streams — per key and in total. Each
/// holds a worker's attention or a poll loop for as long as the caller keeps it, so a caller that
/// opens them without end would starve everyone else: one past a key's limit is over its quota,
/// one past the total is refused as busy. Calls without a key (an open API) count toward the total only.
/// </summary>
public sealed class OpenStreams(IOptions<AccessOptions> access)
{
    private readonly AccessOptions _access = access.Value;
    private readonly Dictionary<string, int> _perKey = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private int _total;

    /// <summary>Calls open now, over every key.</summary>
    public int Total
    {
        get
        {
            lock (_lock)
                return _total;
        }
    }

    /// <summary>Counts one more open call of <paramref name="keyName"/> (null: no key) until the returned lease is disposed.</summary>
    /// <exception cref="BatchRequestException">The key or the coordinator is at its limit.</exception>
    public IDisposable Open(string? keyName)
    {
        lock (_lock)
        {
            if (_total >= _access.MaxOpenStreams)
                throw new BatchRequestException(BatchProblem.Busy,
                    $"the coordinator has {_total} scans and result streams open, its limit (Access:MaxOpenStreams); try again when some have ended");
            if (keyName is not null)
            {
                var open = _perKey.GetValueOrDefault(keyName);
                if (open >= _access.MaxOpenStreamsPerKey)
                {
                    MailScanMetrics.ApiCall(keyName, "over_quota");
                    throw new BatchRequestException(BatchProblem.OverQuota,
                        $"API key '{keyName}' has {open} scans and result streams open, its limit (Access:MaxOpenStreamsPerKey); close one first");
                }
                _perKey[keyName] = open + 1;
            }
            _total++;
        }
        return new Lease(this, keyName);
    }

    private void Close(string? keyName)
    {
        lock (_lock)
        {
            _total--;
            if (keyName is not null && --_perKey[keyName] == 0)
                _perKey.Remove(keyName);
        }
    }

    private sealed class Lease(OpenStreams owner, string? keyName) : IDisposable
    {
        private int _closed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
                owner.Close(keyName);
        }
    }
}
