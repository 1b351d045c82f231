using MailScan.Parsing;

namespace MailScan.Coordinator.Access;

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

    /// <summary>Every problem of these settings, one line each with its key.</summary>
    public IEnumerable<string> Errors()
    {
        if (MaxOpenStreamsPerKey is < 1 or > 100_000)
            yield return $"Access:MaxOpenStreamsPerKey: {MaxOpenStreamsPerKey} is out of range (1-100000)";
        if (MaxOpenStreams is < 1 or > 1_000_000)
            yield return $"Access:MaxOpenStreams: {MaxOpenStreams} is out of range (1-1000000)";
        if (MaxConnections is < 1 or > 1_000_000)
            yield return $"Access:MaxConnections: {MaxConnections} is out of range (1-1000000)";
        if (MaxStreamsPerConnection is < 1 or > 10_000)
            yield return $"Access:MaxStreamsPerConnection: {MaxStreamsPerConnection} is out of range (1-10000)";
        foreach (var error in SettingRange.Positive("Access:SubmitTimeout", SubmitTimeout, TimeSpan.FromHours(24)))
            yield return error;
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var hashes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Keys.Count; i++)
        {
            var key = Keys[i];
            var at = $"Access:Keys:{i}";
            if (key.Name.Length is 0 or > 64 || !key.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
                yield return $"{at}:Name: '{key.Name}' is not a key name (1-64 letters, digits, '.', '_', '-')";
            else if (!names.Add(key.Name))
                yield return $"{at}:Name: '{key.Name}' is the name of another key too";
            if (key.Sha256.Length != 64 || !key.Sha256.All(char.IsAsciiHexDigit))
                yield return $"{at}:Sha256: not a SHA-256 in hex (64 digits); hash the key with: printf %s \"$KEY\" | sha256sum";
            else if (!hashes.Add(key.Sha256))
                yield return $"{at}:Sha256: the same key is given twice";
            if (key.MaxConcurrentBatches is < 0 or > 10_000)
                yield return $"{at}:MaxConcurrentBatches: {key.MaxConcurrentBatches} is out of range (0-10000; 0: no limit)";
            if (key.MaxNamesPerDay is < 0 or > 10_000_000_000)
                yield return $"{at}:MaxNamesPerDay: {key.MaxNamesPerDay} is out of range (0-10000000000; 0: no limit)";
            if (!double.IsFinite(key.RequestsPerSecond) || key.RequestsPerSecond is < 0 or > 10_000)
                yield return $"{at}:RequestsPerSecond: {key.RequestsPerSecond} is out of range (0-10000; 0: no limit)";
            if (key.RequestBurst is < 1 or > 100_000)
                yield return $"{at}:RequestBurst: {key.RequestBurst} is out of range (1-100000)";
        }
    }
}
