using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace MailScan.Politeness;

/// <summary>
/// The connection gate of one process: per-address semaphores and spacing (learnt per address), and
/// a global rate, in memory. An address nobody holds or waits for, whose spacing has passed and
/// whose pace is not worth keeping any more (<see cref="AddressPace.KeepFor"/>) is forgotten (swept
/// at most once a minute), so a TLD scan does not keep a slot for every address it ever contacted.
/// </summary>
public sealed class LocalConnectionGate(IOptions<ConnectionGateOptions> options, TimeProvider time) : IConnectionGate
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly int _maxConcurrent = options.Value.MaxConnectionsPerIp;
    private readonly PaceLimits _pace = PaceLimits.From(options.Value);
    private readonly TimeSpan _learnt = options.Value.LearnedSpacingLifetime;
    private readonly ConcurrentDictionary<IPAddress, Slot> _slots = new();
    private readonly ConcurrentDictionary<IPAddress, DateTimeOffset> _strictUntil = new();
    private readonly TimeSpan _globalSpacing = options.Value.MaxConnectionsPerSecond > 0
        ? TimeSpan.FromSeconds(1.0 / options.Value.MaxConnectionsPerSecond)
        : TimeSpan.Zero;
    private readonly Lock _global = new();
    private DateTimeOffset _nextGlobalStart = DateTimeOffset.MinValue;
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;
    private int _waiting;

    /// <summary>Addresses with a slot now (held, waited for, or still inside their spacing).</summary>
    internal int TrackedAddresses => _slots.Count;

    public int Waiting => Volatile.Read(ref _waiting);

    public async ValueTask<IAsyncDisposable> AcquireAsync(IPAddress address, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            return await WaitForTurnAsync(address, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    private async ValueTask<IAsyncDisposable> WaitForTurnAsync(IPAddress address, CancellationToken cancellationToken)
    {
        SweepIdle();
        var slot = Enter(address);
        try
        {
            await slot.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(slot);
            throw;
        }
        try
        {
            TimeSpan wait;
            lock (slot)
            {
                var now = time.GetUtcNow();
                var next = slot.NextStart;
                wait = next > now ? next - now : TimeSpan.Zero;
                slot.NextStart = (next > now ? next : now) + slot.Pace.Spacing;
                slot.LastUse = now;
            }
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            // The global rate is taken only once the address's own wait is over: a connection waiting
            // out a strict server's retry must not reserve a start that every other address queues behind.
            var global = GlobalWait();
            if (global > TimeSpan.Zero)
                await Task.Delay(global, time, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            slot.Semaphore.Release();
            Leave(slot);
            throw;
        }
        return new Lease(slot, Leave);
    }

    public ValueTask<TimeSpan> ReportAsync(IPAddress address, ServerAnswer answer, CancellationToken cancellationToken)
    {
        var slot = Enter(address);
        try
        {
            lock (slot)
            {
                var now = time.GetUtcNow();
                var before = slot.Pace.Spacing;
                slot.Pace = slot.Pace.After(answer, _pace);
                slot.LastUse = now;
                // The next start was set with the old spacing: a spacing learnt now holds from this connection on.
                if (slot.Pace.Spacing > before)
                    slot.NextStart += slot.Pace.Spacing - before;
                if (answer == ServerAnswer.PutOff && slot.NextStart < now + slot.Pace.RetryWait)
                    slot.NextStart = now + slot.Pace.RetryWait;
                return ValueTask.FromResult(slot.NextStart > now ? slot.NextStart - now : TimeSpan.Zero);
            }
        }
        finally
        {
            Leave(slot);
        }
    }

    public ValueTask MarkStrictAsync(IPAddress address, CancellationToken cancellationToken)
    {
        SweepIdle();
        _strictUntil[address] = time.GetUtcNow() + _learnt;
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> AnyStrictAsync(IReadOnlyCollection<IPAddress> addresses, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return ValueTask.FromResult(addresses.Any(a => _strictUntil.TryGetValue(a, out var until) && until > now));
    }

    /// <summary>The address's slot with this caller counted in; a slot being swept is never handed out.</summary>
    private Slot Enter(IPAddress address)
    {
        while (true)
        {
            var slot = _slots.GetOrAdd(address, _ => new Slot(_maxConcurrent, AddressPace.Initial(_pace)));
            lock (slot)
            {
                if (!slot.Retired)
                {
                    slot.Users++;
                    return slot;
                }
            }
        }
    }

    private static void Leave(Slot slot)
    {
        lock (slot)
            slot.Users--;
    }

    private void SweepIdle()
    {
        var now = time.GetUtcNow();
        lock (_global)
        {
            if (now < _nextSweep)
                return;
            _nextSweep = now + SweepInterval;
        }
        foreach (var (address, until) in _strictUntil)
        {
            if (until <= now)
                _strictUntil.TryRemove(new KeyValuePair<IPAddress, DateTimeOffset>(address, until));
        }
        foreach (var (address, slot) in _slots)
        {
            lock (slot)
            {
                if (slot.Users > 0 || slot.NextStart > now || slot.LastUse + slot.Pace.KeepFor(_pace, _learnt) > now)
                    continue;
                slot.Retired = true;
                _slots.TryRemove(new KeyValuePair<IPAddress, Slot>(address, slot));
            }
        }
    }

    /// <summary>Reserves the next start under the global rate; returns how long to wait for it.</summary>
    private TimeSpan GlobalWait()
    {
        if (_globalSpacing == TimeSpan.Zero)
            return TimeSpan.Zero;
        lock (_global)
        {
            var earliest = time.GetUtcNow();
            var start = _nextGlobalStart > earliest ? _nextGlobalStart : earliest;
            _nextGlobalStart = start + _globalSpacing;
            return start - time.GetUtcNow();
        }
    }

    private sealed class Slot(int maxConcurrent, AddressPace pace)
    {
        public SemaphoreSlim Semaphore { get; } = new(maxConcurrent, maxConcurrent);
        public DateTimeOffset NextStart { get; set; } = DateTimeOffset.MinValue;

        /// <summary>What the address taught; guarded by the slot's lock.</summary>
        public AddressPace Pace { get; set; } = pace;

        /// <summary>The last connection start or report, from which a learnt pace is kept for its lifetime.</summary>
        public DateTimeOffset LastUse { get; set; }

        /// <summary>Callers holding or waiting for this slot; guarded by the slot's lock.</summary>
        public int Users { get; set; }

        /// <summary>Removed from the gate: a caller that finds it retired takes a new slot.</summary>
        public bool Retired { get; set; }
    }

    private sealed class Lease(Slot slot, Action<Slot> leave) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slot.Semaphore.Release();
                leave(slot);
            }
            return ValueTask.CompletedTask;
        }
    }
}
