using MailScan.Telemetry;

namespace MailScan.Checks.Scanning;

/// <summary>
/// A concurrency limit that adapts to latency rather than holding a fixed count
/// (<see cref="AdaptiveLimitRule"/>): every finished unit of work reports how long it took, and
/// once a window has at least <see cref="WindowSamples"/> of them and <see cref="WindowTime"/> has
/// passed, the limit moves. Callers either take slots here (<see cref="WaitAsync"/>,
/// <see cref="Exit"/>) or count their own work in flight and only report (<see cref="Record"/>).
/// </summary>
public sealed class AdaptiveLimit
{
    /// <summary>The fewest finished units a window needs before it moves the limit.</summary>
    public const int WindowSamples = 10;

    /// <summary>The shortest window: long enough for the process's CPU time to say something.</summary>
    public static readonly TimeSpan WindowTime = TimeSpan.FromSeconds(1);

    private readonly AdaptiveLimitSettings _settings;
    private readonly string _scope;
    private readonly Func<int> _backlog;
    private readonly Func<double> _failedFurtherDown;
    private readonly TimeProvider _time;
    private readonly Func<TimeSpan> _processorTime;
    private readonly int _cores;
    private readonly Lock _lock = new();
    private readonly List<TimeSpan> _latencies = [];
    private readonly Queue<TaskCompletionSource> _waiters = new();
    private double _limit;
    private int _inFlight;
    private int _mostInFlight;
    private int _dropped;
    private TimeSpan _baseline;
    private long _windowStart;
    private TimeSpan _windowCpu;
    private double _rate;

    /// <summary>
    /// A limit within <paramref name="settings"/>, reported as <c>mailscan_concurrency_limit</c> of
    /// <paramref name="scope"/> if named; the CPU is this process's unless <paramref name="processorTime"/>
    /// says otherwise; <paramref name="backlog"/> counts what the work handed on waits for further down, and
    /// <paramref name="failedFurtherDown"/> gives the share of it that failed since the last window (resolver timeouts).
    /// </summary>
    public AdaptiveLimit(AdaptiveLimitSettings settings, TimeProvider time, string scope = "", Func<TimeSpan>? processorTime = null, int cores = 0, Func<int>? backlog = null, Func<double>? failedFurtherDown = null)
    {
        _failedFurtherDown = failedFurtherDown ?? (() => 0);
        _scope = scope;
        _backlog = backlog ?? (() => 0);
        _settings = settings;
        _time = time;
        _processorTime = processorTime ?? (() => Environment.CpuUsage.TotalTime);
        _cores = cores > 0 ? cores : Environment.ProcessorCount;
        _limit = Math.Clamp(settings.Initial, settings.Min, settings.Max);
        _windowStart = time.GetTimestamp();
        _windowCpu = _processorTime();
    }

    /// <summary>The number of units that may be in flight now.</summary>
    public int Current
    {
        get
        {
            lock (_lock)
                return (int)_limit;
        }
    }

    /// <summary>Samples of the window not yet closed.</summary>
    internal int PendingSamples
    {
        get
        {
            lock (_lock)
                return _latencies.Count;
        }
    }

    /// <summary>Units holding a slot taken here.</summary>
    public int InFlight
    {
        get
        {
            lock (_lock)
                return _inFlight;
        }
    }

    /// <summary>Takes a slot, waiting while the limit is reached.</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        lock (_lock)
        {
            if (_inFlight < (int)_limit && _waiters.Count == 0)
            {
                Enter();
                return;
            }
            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue(waiter);
        }
        // A waiter cancelled in the queue is skipped when slots are handed out; one handed a slot first keeps it.
        using (cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken)))
            await waiter.Task.ConfigureAwait(false);
    }

    /// <summary>Gives a slot back with how its work went.</summary>
    public void Exit(TimeSpan elapsed, bool dropped)
    {
        lock (_lock)
        {
            ReleaseSlot();
            Sample(elapsed, dropped, _inFlight + 1);
        }
    }

    /// <summary>
    /// Gives a slot back while its work goes on away from it (a probe waiting out a strict server,
    /// <see cref="ProbeWorkSlots"/>): no sample, since the work is not done; it takes a slot again
    /// with <see cref="WaitAsync"/> and ends with <see cref="Exit"/>.
    /// </summary>
    public void Leave()
    {
        lock (_lock)
            ReleaseSlot();
    }

    /// <summary>Reports a finished unit of work counted by the caller, with how many were in flight as it ended (itself included).</summary>
    public void Record(TimeSpan elapsed, bool dropped, int inFlight)
    {
        lock (_lock)
            Sample(elapsed, dropped, inFlight);
    }

    private void Enter()
    {
        _inFlight++;
        _mostInFlight = Math.Max(_mostInFlight, _inFlight);
    }

    /// <summary>Frees a slot and hands the free slots to waiters in order; under the lock.</summary>
    private void ReleaseSlot()
    {
        _inFlight--;
        HandOut();
    }

    private void HandOut()
    {
        while (_inFlight < (int)_limit && _waiters.TryDequeue(out var next))
        {
            if (next.TrySetResult())
                Enter();
        }
    }

    /// <summary>Adds a sample and closes the window when it has enough; under the lock.</summary>
    private void Sample(TimeSpan elapsed, bool dropped, int inFlight)
    {
        // A fixed limit never closes a window: samples kept for it would only pile up (one per probe of a worker).
        if (!_settings.Adapts)
            return;
        _latencies.Add(elapsed);
        _dropped += dropped ? 1 : 0;
        _mostInFlight = Math.Max(_mostInFlight, inFlight);
        var wall = _time.GetElapsedTime(_windowStart);
        if (_latencies.Count < WindowSamples || wall < WindowTime)
            return;
        var cpu = _processorTime();
        _latencies.Sort();
        var droppedShare = Math.Max((double)_dropped / _latencies.Count, _failedFurtherDown());
        var window = new LimitWindow(_latencies[_latencies.Count / 2], _mostInFlight, droppedShare,
            (cpu - _windowCpu) / (wall * _cores), _backlog(), _latencies.Count / wall.TotalSeconds);
        _limit = AdaptiveLimitRule.NextLimit(_limit, _baseline, window, _settings, _rate);
        _rate = window.Rate;
        if (_scope.Length > 0)
            MailScanMetrics.ConcurrencyLimit(_scope, (int)_limit);
        _baseline = AdaptiveLimitRule.NextBaseline(_baseline, window);
        _latencies.Clear();
        _dropped = 0;
        _mostInFlight = _inFlight;
        _windowStart = _time.GetTimestamp();
        _windowCpu = cpu;
        HandOut();
    }
}
