using System.Collections.Concurrent;
using System.Net;
using MailScan.Checks.Options;
using Microsoft.Extensions.Options;

namespace MailScan.Checks.Politeness;

/// <summary>The connection gate of one process: per-address semaphores and spacing, and a global rate, in memory.</summary>
public sealed class LocalConnectionGate(IOptions<MailScanOptions> options, TimeProvider time) : IConnectionGate
{
    private readonly SmtpOptionsView _limits = new(options.Value.Smtp.MaxConnectionsPerIp, options.Value.Smtp.MinConnectionSpacing);
    private readonly ConcurrentDictionary<IPAddress, Slot> _slots = new();
    private readonly TimeSpan _globalSpacing = options.Value.Smtp.MaxConnectionsPerSecond > 0
        ? TimeSpan.FromSeconds(1.0 / options.Value.Smtp.MaxConnectionsPerSecond)
        : TimeSpan.Zero;
    private readonly Lock _global = new();
    private DateTimeOffset _nextGlobalStart = DateTimeOffset.MinValue;

    public async ValueTask<IAsyncDisposable> AcquireAsync(IPAddress address, CancellationToken cancellationToken)
    {
        var slot = _slots.GetOrAdd(address, _ => new Slot(_limits.MaxConcurrent));
        await slot.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            TimeSpan wait;
            lock (slot)
            {
                var now = time.GetUtcNow();
                var next = slot.NextStart;
                wait = next > now ? next - now : TimeSpan.Zero;
                slot.NextStart = (next > now ? next : now) + _limits.Spacing;
            }
            var global = GlobalWait(wait);
            if (global > wait)
                wait = global;
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            slot.Semaphore.Release();
            throw;
        }
        return new Lease(slot);
    }

    /// <summary>Reserves the next start under the global rate (after the per-address wait); returns how long to wait for it.</summary>
    private TimeSpan GlobalWait(TimeSpan afterLocal)
    {
        if (_globalSpacing == TimeSpan.Zero)
            return TimeSpan.Zero;
        lock (_global)
        {
            var earliest = time.GetUtcNow() + afterLocal;
            var start = _nextGlobalStart > earliest ? _nextGlobalStart : earliest;
            _nextGlobalStart = start + _globalSpacing;
            return start - time.GetUtcNow();
        }
    }

    private sealed record SmtpOptionsView(int MaxConcurrent, TimeSpan Spacing);

    private sealed class Slot(int maxConcurrent)
    {
        public SemaphoreSlim Semaphore { get; } = new(maxConcurrent, maxConcurrent);
        public DateTimeOffset NextStart { get; set; } = DateTimeOffset.MinValue;
    }

    private sealed class Lease(Slot slot) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                slot.Semaphore.Release();
            return ValueTask.CompletedTask;
        }
    }
}
