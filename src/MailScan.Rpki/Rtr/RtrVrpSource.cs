using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace MailScan.Rpki.Rtr;

/// <summary>
/// Follows an RTR cache: a full sync, then incremental updates whenever the cache sends a Serial
/// Notify or the refresh interval passes; after a failure it retries every retry interval, and
/// when no sync succeeded for the expire interval the data is withdrawn (RFC 8210 §6).
/// </summary>
public sealed partial class RtrVrpSource(RtrEndpoint endpoint, byte version, TimeSpan timeout, TimeProvider time, ILogger<RtrVrpSource> logger) : IVrpSource
{
    public string Location { get; } = $"rtr://{endpoint}";

    public async IAsyncEnumerable<VrpSourceUpdate> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var updates = Channel.CreateUnbounded<VrpSourceUpdate>();
        var running = FollowAsync(updates.Writer, cancellationToken);
        await foreach (var update in updates.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            yield return update;
        await running.ConfigureAwait(false);
    }

    private async Task FollowAsync(ChannelWriter<VrpSourceUpdate> updates, CancellationToken cancellationToken)
    {
        await using var client = new RtrClient(endpoint, version, timeout, time, logger);
        DateTimeOffset? lastSync = null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    var result = await client.SyncAsync(cancellationToken).ConfigureAwait(false);
                    lastSync = time.GetUtcNow();
                    if (result.Kind == RtrSyncKind.Reset || result.Announced + result.Withdrawn > 0)
                        updates.TryWrite(VrpSourceUpdate.Loaded(Snapshot(client, result)));
                    await client.WaitForNotifyAsync(client.Timers.Refresh, cancellationToken).ConfigureAwait(false);
                }
                catch (RtrException ex)
                {
                    LogFailed(logger, Location, ex.Message);
                    updates.TryWrite(Expired(client, lastSync) ? VrpSourceUpdate.Expire($"{Location}: no update for {client.Timers.Expire.TotalSeconds:0} s ({ex.Message})")
                        : VrpSourceUpdate.Failed($"{Location}: {ex.Message}"));
                    if (Expired(client, lastSync))
                    {
                        client.Clear();
                        lastSync = null;
                    }
                    await Task.Delay(client.Timers.Retry, time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            updates.TryComplete();
        }
    }

    private bool Expired(RtrClient client, DateTimeOffset? lastSync) =>
        lastSync is { } last && time.GetUtcNow() - last >= client.Timers.Expire;

    private VrpSet Snapshot(RtrClient client, RtrSyncResult result) =>
        VrpSet.Create(new VrpSetInfo(Location, $"session {result.SessionId} serial {result.Serial}", time.GetUtcNow())
        {
            RtrSession = result.SessionId,
            RtrSerial = result.Serial,
        }, client.Vrps);

    [LoggerMessage(Level = LogLevel.Warning, Message = "RTR {Cache}: {Error}")]
    private static partial void LogFailed(ILogger logger, string cache, string error);
}
