using Microsoft.Extensions.Logging;

namespace MailScan.Rpki.Rtr;

/// <summary>
/// A router's side of RPKI-to-Router (RFC 8210 version 1, RFC 6810 version 0): holds the VRPs of
/// one cache, fetches them whole with a Reset Query, then keeps them current with Serial Queries
/// (incremental updates), falling back to a reset when the cache asks for one. A cache that only
/// speaks an older version is followed down (§7). Not thread-safe: one caller drives it.
/// </summary>
public sealed partial class RtrClient(RtrEndpoint endpoint, byte version, TimeSpan timeout, TimeProvider time, ILogger logger) : IAsyncDisposable
{
    /// <summary>
    /// The global RPKI has under a million VRPs; a cache that sends twice as many in one answer is
    /// broken or hostile, and holding more would cost hundreds of MiB.
    /// </summary>
    public const int MaxPrefixesPerAnswer = 2_000_000;

    private HashSet<Vrp> _vrps = [];
    private RtrConnection? _connection;
    private byte _version = version;
    private ushort? _session;
    private uint _serial;
    private bool _notified;

    /// <summary>The cache, for messages.</summary>
    public RtrEndpoint Endpoint => endpoint;

    /// <summary>The VRPs as of the last completed synchronisation.</summary>
    public IReadOnlyCollection<Vrp> Vrps => _vrps;

    /// <summary>The cache's session id and serial of the data held; null before the first sync.</summary>
    public (ushort Session, uint Serial)? State => _session is { } session ? (session, _serial) : null;

    /// <summary>The protocol version in use.</summary>
    public byte Version => _version;

    /// <summary>The cache's intervals (version 1), else RFC 8210's defaults.</summary>
    public RtrTimers Timers { get; private set; } = RtrTimers.Default;

    /// <summary>Brings the VRPs up to date: incremental when we hold data, else a full reset.</summary>
    public async Task<RtrSyncResult> SyncAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                _connection ??= await RtrConnection.ConnectAsync(endpoint, timeout, cancellationToken).ConfigureAwait(false);
                var query = _session is { } session
                    ? new RtrPdu(_version, RtrPduType.SerialQuery) { SessionId = session, Serial = _serial }
                    : new RtrPdu(_version, RtrPduType.ResetQuery);
                await _connection.SendAsync(query, cancellationToken).ConfigureAwait(false);
                return await ReceiveResponseAsync(query, cancellationToken).ConfigureAwait(false);
            }
            catch (RtrDowngrade downgrade)
            {
                if (attempt >= 1)
                    throw new RtrException($"the cache {endpoint} asks for version {downgrade.Version} again after a downgrade");
                LogDowngrade(logger, endpoint.ToString(), _version, downgrade.Version);
                await CloseAsync().ConfigureAwait(false);
                _version = downgrade.Version;
                _session = null;
            }
            catch (RtrException ex)
            {
                await FailAsync(ex, cancellationToken).ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>Waits up to <paramref name="wait"/> for the cache's Serial Notify; true when new data is announced.</summary>
    public async Task<bool> WaitForNotifyAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        if (_notified || _connection is null)
            return _notified;
        try
        {
            var deadline = time.GetUtcNow() + wait;
            while (time.GetUtcNow() < deadline)
            {
                var pdu = await _connection.ReceiveAsync(deadline - time.GetUtcNow(), time, cancellationToken).ConfigureAwait(false);
                if (pdu is null)
                    return false;
                if (pdu.Type == RtrPduType.SerialNotify)
                    return _notified = true;
                if (pdu.Type == RtrPduType.ErrorReport)
                    throw new RtrException($"the cache reported {pdu.ErrorCode}: {pdu.ErrorText}");
            }
            return false;
        }
        catch (RtrException ex)
        {
            await FailAsync(ex, cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Forgets the data (after it expired): the next sync is a reset.</summary>
    public void Clear()
    {
        _vrps = [];
        _session = null;
    }

    private async Task<RtrSyncResult> ReceiveResponseAsync(RtrPdu query, CancellationToken cancellationToken)
    {
        var incremental = query.Type == RtrPduType.SerialQuery;
        var started = false;
        var changes = new List<(bool Announce, Vrp Vrp)>(); // not the PDUs: a large answer costs a fraction of the memory
        uint? notifiedSerial = null;
        // The whole answer, up to End of Data, has the timeout: a cache that streams without end must not hold us.
        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            var left = deadline - time.GetUtcNow();
            var pdu = (left > TimeSpan.Zero ? await _connection!.ReceiveAsync(left, time, cancellationToken).ConfigureAwait(false) : null)
                ?? throw new RtrException(started
                    ? $"no End of Data from {endpoint} within {timeout.TotalSeconds:0} s ({changes.Count} prefixes received)"
                    : $"no answer from {endpoint} within {timeout.TotalSeconds:0} s");
            CheckVersion(pdu);
            switch (pdu.Type)
            {
                case RtrPduType.SerialNotify:
                    notifiedSerial = pdu.Serial;
                    continue;
                case RtrPduType.CacheResponse:
                    if (incremental && pdu.SessionId != query.SessionId)
                        throw new RtrException($"the cache answered for session {pdu.SessionId}, not {query.SessionId}", RtrErrorCode.CorruptData);
                    started = true;
                    continue;
                case RtrPduType.CacheReset when incremental && !started:
                    _session = null;
                    var reset = new RtrPdu(_version, RtrPduType.ResetQuery);
                    await _connection!.SendAsync(reset, cancellationToken).ConfigureAwait(false);
                    return await ReceiveResponseAsync(reset, cancellationToken).ConfigureAwait(false);
                case RtrPduType.Ipv4Prefix or RtrPduType.Ipv6Prefix when started:
                    if (changes.Count >= MaxPrefixesPerAnswer)
                        throw new RtrException($"the cache sent more than {MaxPrefixesPerAnswer} prefixes without End of Data", RtrErrorCode.CorruptData);
                    changes.Add((pdu.Announce, pdu.Vrp));
                    continue;
                case RtrPduType.RouterKey when started:
                    continue;
                case RtrPduType.EndOfData when started:
                    var result = Apply(incremental, changes, pdu);
                    _notified = notifiedSerial is { } serial && serial != pdu.Serial;
                    return result;
                case RtrPduType.ErrorReport:
                    throw ReportOf(pdu);
                default:
                    throw new RtrException($"unexpected {pdu.Type} PDU in the answer to a {query.Type}", RtrErrorCode.InvalidRequest);
            }
        }
    }

    private RtrSyncResult Apply(bool incremental, List<(bool Announce, Vrp Vrp)> changes, RtrPdu endOfData)
    {
        var next = incremental ? new HashSet<Vrp>(_vrps) : [];
        int announced = 0, withdrawn = 0;
        foreach (var change in changes)
        {
            if (change.Announce)
            {
                if (!next.Add(change.Vrp))
                    throw new RtrException($"the cache announced {change.Vrp} twice", RtrErrorCode.DuplicateAnnouncement);
                announced++;
            }
            else
            {
                if (!incremental || !next.Remove(change.Vrp))
                    throw new RtrException($"the cache withdrew {change.Vrp}, which it never announced", RtrErrorCode.WithdrawalOfUnknownRecord);
                withdrawn++;
            }
        }
        (_vrps, _session, _serial, _notified) = (next, endOfData.SessionId, endOfData.Serial, false);
        Timers = endOfData.Timers ?? RtrTimers.Default;
        LogSynced(logger, endpoint.ToString(), incremental ? "incremental" : "reset", announced, withdrawn, endOfData.SessionId, endOfData.Serial, next.Count);
        return new RtrSyncResult(incremental ? RtrSyncKind.Incremental : RtrSyncKind.Reset, announced, withdrawn, endOfData.SessionId, endOfData.Serial, _version, next.Count);
    }

    private void CheckVersion(RtrPdu pdu)
    {
        if (pdu.Type == RtrPduType.ErrorReport && pdu.ErrorCode == RtrErrorCode.UnsupportedProtocolVersion && pdu.Version < _version)
            throw new RtrDowngrade(pdu.Version);
        if (pdu.Version != _version)
            throw new RtrException($"the cache answered with version {pdu.Version} in a version {_version} session", RtrErrorCode.UnexpectedProtocolVersion);
    }

    private RtrException ReportOf(RtrPdu pdu) =>
        new(pdu.ErrorCode == RtrErrorCode.NoDataAvailable
            ? $"the cache {endpoint} has no data yet"
            : $"the cache {endpoint} reported {pdu.ErrorCode}: {pdu.ErrorText}");

    /// <summary>Tells the cache what it did wrong (best effort), drops the session; a broken delta means a reset next time.</summary>
    private async Task FailAsync(RtrException error, CancellationToken cancellationToken)
    {
        if (error.Report is { } code && _connection is not null)
        {
            try
            {
                await _connection.SendAsync(new RtrPdu(_version, RtrPduType.ErrorReport) { ErrorCode = code, ErrorText = error.Message }, cancellationToken).ConfigureAwait(false);
            }
            catch (RtrException)
            {
            }
            _session = null;
        }
        await CloseAsync().ConfigureAwait(false);
    }

    private async Task CloseAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync().ConfigureAwait(false);
        _connection = null;
        _notified = false;
    }

    public ValueTask DisposeAsync() => new(CloseAsync());

    /// <summary>The cache speaks only an older version: reconnect with it.</summary>
    private sealed class RtrDowngrade(byte version) : Exception($"downgrade to version {version}")
    {
        public byte Version { get; } = version;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "RTR {Cache}: {Kind} sync, +{Announced} -{Withdrawn}, session {Session} serial {Serial}, {Count} VRPs")]
    private static partial void LogSynced(ILogger logger, string cache, string kind, int announced, int withdrawn, ushort session, uint serial, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "RTR {Cache}: the cache does not speak version {Ours}; using version {Theirs}")]
    private static partial void LogDowngrade(ILogger logger, string cache, byte ours, byte theirs);
}
