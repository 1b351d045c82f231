namespace MailScan.Rpki;

/// <summary>
/// Where VRPs come from: a JSON export (file or URL), an RTR cache, and, in cluster mode, a set
/// another process published (e.g. in Redis). A source delivers a new immutable
/// <see cref="VrpSet"/> each time the data changes; the <see cref="VrpStore"/> keeps the latest.
/// </summary>
public interface IVrpSource
{
    /// <summary>The file, URL or server, for evidence and messages.</summary>
    string Location { get; }

    /// <summary>Follows the source until cancelled: each new version, or why none could be had.</summary>
    IAsyncEnumerable<VrpSourceUpdate> WatchAsync(CancellationToken cancellationToken);
}
