using System.Runtime.CompilerServices;
using MailScan.Rpki;
using MailScan.Telemetry;
using StackExchange.Redis;

namespace MailScan.Redis;

/// <summary>
/// The VRP source of a cluster process: the set one process publishes (<see cref="VrpPublisher"/>),
/// read from Redis. It asks for the current version every poll interval and loads a version only
/// when it changed, so a worker holds the same set as the rest of the cluster without ever reading
/// the export or the RTR cache itself.
/// </summary>
public sealed class RedisVrpSource(IPublishedVrps published, TimeSpan pollInterval, TimeSpan readTimeout, TimeProvider time) : IVrpSource
{
    /// <summary>The marker a withdrawn set's pointer starts with (RTR data that expired must not be used).</summary>
    public const char Withdrawn = '!';

    /// <summary>Until a first set arrives probes are waiting for it, so the pointer is asked more often.</summary>
    private static readonly TimeSpan FirstSetPoll = TimeSpan.FromMilliseconds(500);

    private string? _held;

    public string Location => published.Location;

    /// <summary>The version this source last took (loaded, withdrawn or refused), if any.</summary>
    public string? HeldVersion => _held;

    public async IAsyncEnumerable<VrpSourceUpdate> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var update = await PollAsync(cancellationToken).ConfigureAwait(false);
            if (update is not null)
                yield return update;
            var wait = _held is null && pollInterval > FirstSetPoll ? FirstSetPoll : pollInterval;
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One poll: the new version, its withdrawal, a failure, or null when nothing changed (or nothing is published yet).</summary>
    public async Task<VrpSourceUpdate?> PollAsync(CancellationToken cancellationToken)
    {
        string? current;
        try
        {
            current = await published.CurrentVersionAsync(cancellationToken).WaitAsync(readTimeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnavailable(ex, cancellationToken))
        {
            return VrpSourceUpdate.Failed($"{Location}: {Reason(ex)}");
        }
        // Nothing published yet: probes wait for the first set up to Rpki:LoadTimeout.
        if (current is null)
            return null;
        MailScanMetrics.CacheLookup("vrp", hit: current == _held);
        if (current == _held)
            return null;
        if (current.StartsWith(Withdrawn))
        {
            _held = current;
            return VrpSourceUpdate.Expire($"{Location}: the publisher withdrew the VRP set: {current[1..]}");
        }
        return await LoadAsync(current, cancellationToken).ConfigureAwait(false);
    }

    private async Task<VrpSourceUpdate> LoadAsync(string version, CancellationToken cancellationToken)
    {
        byte[]? bytes;
        try
        {
            bytes = await published.ReadAsync(version, cancellationToken).WaitAsync(readTimeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnavailable(ex, cancellationToken))
        {
            return VrpSourceUpdate.Failed($"{Location}: version {version}: {Reason(ex)}");
        }
        // Replaced between the two reads: the next poll finds the newer version.
        if (bytes is null)
            return VrpSourceUpdate.Failed($"{Location}: version {version} is gone from Redis");
        // A version's content never changes, so one that cannot be read is not fetched again.
        _held = version;
        var decoded = VrpSetCodec.Decode(bytes);
        return decoded.IsValid ? VrpSourceUpdate.Loaded(decoded.Value!) : VrpSourceUpdate.Failed($"{Location}: version {version}: {decoded.Error}");
    }

    private static bool IsUnavailable(Exception ex, CancellationToken cancellationToken) =>
        ex is TimeoutException or RedisException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private string Reason(Exception ex) => ex is TimeoutException ? $"no answer within {readTimeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s" : ex.Message;
}
