using MailScan.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MailScan.Rpki;

/// <summary>
/// The one VRP set of the process: follows the configured source from the first request on and
/// swaps in each new immutable version, so a probe always reads one consistent set without locks.
/// </summary>
public sealed partial class VrpStore : IVrpProvider, IAsyncDisposable
{
    private readonly IVrpSource? _source;
    private readonly TimeSpan _loadTimeout;
    private readonly TimeProvider _time;
    private readonly ILogger<VrpStore> _logger;
    private readonly TaskCompletionSource _firstUpdate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private volatile VrpSnapshot _current = new(null, "the VRP set is loading");
    private Task? _watching;
    private int _started;
    private int _disposed;

    public VrpStore(IVrpSource? source, IOptions<RpkiOptions> options, TimeProvider time, ILogger<VrpStore> logger)
    {
        _source = source;
        _loadTimeout = options.Value.LoadTimeout;
        _time = time;
        _logger = logger;
    }

    /// <summary>What a probe would get now, without waiting.</summary>
    public VrpSnapshot Current => _source is null ? NotConfigured : _current;

    private static VrpSnapshot NotConfigured { get; } =
        new(null, "no VRP source is configured: give --vrps FILE, --vrps-url URL or --rtr HOST:PORT");

    public async Task<VrpSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        if (_source is null)
            return NotConfigured;
        if (Interlocked.Exchange(ref _started, 1) == 0)
            _watching = Task.Run(() => WatchAsync(_source), CancellationToken.None);
        if (!_firstUpdate.Task.IsCompleted)
        {
            try
            {
                await _firstUpdate.Task.WaitAsync(_loadTimeout, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return new VrpSnapshot(null, $"the VRP set from {_source.Location} did not load within {_loadTimeout.TotalSeconds:0} s");
            }
        }
        return _current;
    }

    private async Task WatchAsync(IVrpSource source)
    {
        try
        {
            await foreach (var update in source.WatchAsync(_stop.Token).ConfigureAwait(false))
                Apply(update);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // A source that breaks must not leave probes waiting, nor take the process down.
            _current = new VrpSnapshot(_current.Set, $"the VRP source {source.Location} failed: {ex.Message}");
            LogSourceFault(_logger, source.Location, ex);
        }
        finally
        {
            _firstUpdate.TrySetResult();
        }
    }

    private void Apply(VrpSourceUpdate update)
    {
        if (update.Set is { } set)
        {
            _current = new VrpSnapshot(set, null);
            MailScanMetrics.VrpSetHeld(set.Info.LoadedAt);
            LogLoaded(_logger, set.Count, set.Info.Source, set.Info.Version);
        }
        else if (update.Expired)
        {
            _current = new VrpSnapshot(null, update.Error);
            LogExpired(_logger, update.Error ?? "expired");
        }
        else
        {
            // Keep serving the last good version; a first failure leaves no set and says why.
            _current = _current.Set is null ? new VrpSnapshot(null, update.Error) : _current;
            LogFailed(_logger, update.Error ?? "unknown error");
        }
        _firstUpdate.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        // Registered as itself and as IVrpProvider, so the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_watching is not null)
            await _watching.ConfigureAwait(false);
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "VRP set loaded: {Count} VRPs from {Source} (version {Version})")]
    private static partial void LogLoaded(ILogger logger, int count, string source, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "VRP source: {Error}")]
    private static partial void LogFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "VRP set dropped: {Error}")]
    private static partial void LogExpired(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "VRP source {Source} failed")]
    private static partial void LogSourceFault(ILogger logger, string source, Exception exception);
}
