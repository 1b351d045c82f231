namespace MailScan.Checks.Options;

/// <summary>Who may use a coordinator's gRPC API: the API keys and their quotas. No keys: the API is open.</summary>
public sealed class AccessOptions
{
    /// <summary>The keys a client may send (as `authorization: Bearer KEY` or `x-api-key: KEY`); empty: no key is asked for.</summary>
    public List<ApiKeyOptions> Keys { get; set; } = [];

    /// <summary>Domain scans and batch result streams one key may hold open at once (an open API counts only toward the total).</summary>
    public int MaxOpenStreamsPerKey { get; set; } = 64;

    /// <summary>Domain scans and batch result streams all callers together may hold open at once.</summary>
    public int MaxOpenStreams { get; set; } = 2000;

    /// <summary>How long one SubmitBatch call may take to send its names; a caller that trickles them in is cut off.</summary>
    public TimeSpan SubmitTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Connections the coordinator's ports accept at once (Kestrel's MaxConcurrentConnections).</summary>
    public int MaxConnections { get; set; } = 10_000;

    /// <summary>Calls one HTTP/2 connection may carry at once (Kestrel's Http2.MaxStreamsPerConnection).</summary>
    public int MaxStreamsPerConnection { get; set; } = 100;
}
