using System.Collections.Concurrent;
using MailScan.Telemetry;

namespace MailScan.Checks.Scanning;

/// <summary>
/// The probes a process works on at once, per scope: a worker's queue family (a fixed count, its
/// queue's concurrency) or, in one process, a probe kind (an <see cref="AdaptiveLimit"/> that
/// follows the kind's latency, <see cref="KindLimitedProbeDispatcher"/>). A probe that waits out a
/// strict server gives its slot up for the wait (<see cref="WaitAwayAsync"/>) and takes one again
/// before its next connection, so the slots go to probes that work, not to evaluations sleeping
/// through a learnt spacing or a retry; the waiting evaluation keeps everything it measured and
/// resumes where it stopped. Only the time a probe holds its slot is its latency: an adaptive
/// limit would take a strict server's wait for a slow probe and shrink.
/// </summary>
public sealed class ProbeWorkSlots
{
    private readonly ConcurrentDictionary<string, AdaptiveLimit> _scopes = new(StringComparer.Ordinal);
    private readonly Func<string, AdaptiveLimit> _limitOf;
    private readonly TimeProvider _time;
    private readonly bool _reported;
    private int _queued;

    // Which slot the probe running in this flow holds: set by RunAsync, read by WaitAwayAsync further down.
    private readonly AsyncLocal<Holding?> _holding = new();

    /// <summary>A worker's slots: at most <paramref name="limit"/> probes of each queue family at once.</summary>
    public ProbeWorkSlots(int limit)
        : this(_ => new AdaptiveLimit(AdaptiveLimitSettings.Fixed(limit), TimeProvider.System), TimeProvider.System, reported: false)
    {
    }

    /// <summary>
    /// One process's slots: an adaptive limit within <paramref name="settings"/> per probe kind, each
    /// reported as <c>mailscan_concurrency_limit</c> of its kind, and the probes waiting for a slot as
    /// <c>mailscan_probes_queued</c>.
    /// </summary>
    public ProbeWorkSlots(AdaptiveLimitSettings settings, TimeProvider time)
        : this(kind => new AdaptiveLimit(settings, time, kind), time, reported: true)
    {
    }

    /// <summary>Slots of the limits <paramref name="limitOf"/> makes per scope, timed by <paramref name="time"/> (the limits' own clock).</summary>
    internal ProbeWorkSlots(Func<string, AdaptiveLimit> limitOf, TimeProvider time, bool reported)
    {
        _limitOf = limitOf;
        _time = time;
        _reported = reported;
    }

    /// <summary>Probes waiting for a slot, to start or to go on after a wait away from it.</summary>
    public int Queued => Volatile.Read(ref _queued);

    /// <summary>
    /// Runs <paramref name="work"/> in a slot of <paramref name="scope"/>, waiting for one first, and
    /// gives the limit the time it held a slot and whether it ended without a result (timed out, failed).
    /// </summary>
    public async Task<ProbeResult> RunAsync(string scope, Func<CancellationToken, Task<ProbeResult>> work, CancellationToken cancellationToken)
    {
        var limit = _scopes.GetOrAdd(scope, _limitOf);
        await TakeAsync(scope, limit, cancellationToken).ConfigureAwait(false);
        var holding = new Holding(this, scope, limit);
        _holding.Value = holding;
        var dropped = true;
        try
        {
            var result = await work(cancellationToken).ConfigureAwait(false);
            dropped = result.Outcome is ProbeOutcome.TimedOut or ProbeOutcome.Failed;
            return result;
        }
        finally
        {
            holding.End(dropped);
        }
    }

    /// <summary>
    /// Waits for a connection lease (<paramref name="acquire"/>: the connection gate) without a slot:
    /// the probe's slot is free meanwhile and taken back once the lease is there; the time away is
    /// not the probe's latency. Outside <see cref="RunAsync"/> it just waits.
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

    private async Task TakeAsync(string scope, AdaptiveLimit limit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _queued);
        if (_reported)
            MailScanMetrics.ProbeQueued(scope, 1);
        try
        {
            await limit.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _queued);
            if (_reported)
                MailScanMetrics.ProbeQueued(scope, -1);
        }
    }

    /// <summary>The slot of one running probe: given up while it waits, taken back after; it adds up the time held.</summary>
    private sealed class Holding(ProbeWorkSlots slots, string scope, AdaptiveLimit limit)
    {
        private long _since = slots._time.GetTimestamp();
        private TimeSpan _worked;

        public bool Held { get; private set; } = true;

        public void Leave()
        {
            _worked += slots._time.GetElapsedTime(_since);
            Held = false;
            limit.Leave();
        }

        public async Task ReturnAsync(CancellationToken cancellationToken)
        {
            await slots.TakeAsync(scope, limit, cancellationToken).ConfigureAwait(false);
            _since = slots._time.GetTimestamp();
            Held = true;
        }

        /// <summary>The work is done: the slot goes back with the time it was held; a probe that ended away from its slot (cancelled on the way back) only reports.</summary>
        public void End(bool dropped)
        {
            if (!Held)
            {
                limit.Record(_worked, dropped, limit.InFlight);
                return;
            }
            Held = false;
            limit.Exit(_worked + slots._time.GetElapsedTime(_since), dropped);
        }
    }
}
