using System.Collections.Concurrent;

namespace MailScan.Checks.Scanning;

/// <summary>
/// The probes of each queue family a worker works on at once: its queue's concurrency
/// (embedded scans limit per kind instead, <see cref="KindLimitedProbeDispatcher"/>). A probe that waits out a strict server gives its slot up
/// for the wait (<see cref="WaitAwayAsync"/>) and takes one again before its next connection, so
/// the slots go to probes that work, not to evaluations sleeping through a learnt spacing or a
/// retry; the waiting evaluation keeps everything it measured and resumes where it stopped.
/// </summary>
public sealed class ProbeWorkSlots(int limit)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _families = new(StringComparer.Ordinal);

    // Which slot the probe running in this flow holds: set by RunAsync, read by WaitAwayAsync further down.
    private readonly AsyncLocal<Holding?> _holding = new();

    /// <summary>Runs <paramref name="work"/> in a slot of its family, waiting for one first.</summary>
    public async Task<T> RunAsync<T>(string family, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var slots = _families.GetOrAdd(family, _ => new SemaphoreSlim(limit));
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        var holding = new Holding(slots);
        _holding.Value = holding;
        try
        {
            return await work(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            holding.Leave();
        }
    }

    /// <summary>
    /// Waits for a connection lease (<paramref name="acquire"/>: the connection gate) without a slot:
    /// the probe's slot is free meanwhile and taken back once the lease is there. Outside
    /// <see cref="RunAsync{T}"/> it just waits.
    /// </summary>
    public async ValueTask<IAsyncDisposable> WaitAwayAsync(Func<ValueTask<IAsyncDisposable>> acquire, CancellationToken cancellationToken)
    {
        if (_holding.Value is not { Held: true } holding)
            return await acquire().ConfigureAwait(false);
        holding.Leave();
        var lease = await acquire().ConfigureAwait(false);
        try
        {
            await holding.ReturnAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await lease.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return lease;
    }

    /// <summary>The slot of one running probe: given up while it waits, taken back after.</summary>
    private sealed class Holding(SemaphoreSlim slots)
    {
        public bool Held { get; private set; } = true;

        public void Leave()
        {
            if (!Held)
                return;
            Held = false;
            slots.Release();
        }

        public async Task ReturnAsync(CancellationToken cancellationToken)
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            Held = true;
        }
    }
}
