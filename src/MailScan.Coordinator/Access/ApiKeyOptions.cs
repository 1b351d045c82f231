namespace MailScan.Coordinator.Access;

/// <summary>
/// One client of a coordinator: the SHA-256 of its API key (never the key itself) and its quotas.
/// The name stands for the key in logs and errors.
/// </summary>
public sealed class ApiKeyOptions
{
    /// <summary>Who holds the key (letters, digits, '.', '_', '-'); logs and quota messages show this, never the key.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The SHA-256 of the key's UTF-8 bytes, 64 hex digits (`printf %s "$KEY" | sha256sum`).</summary>
    public string Sha256 { get; set; } = string.Empty;

    /// <summary>Batches of this key running at once; 0: no limit.</summary>
    public int MaxConcurrentBatches { get; set; } = 4;

    /// <summary>Names this key may submit per calendar day (UTC, reset at 00:00 UTC); 0: no limit.</summary>
    public long MaxNamesPerDay { get; set; } = 1_000_000;

    /// <summary>Calls per second this key may make on average (a token bucket); 0: no limit.</summary>
    public double RequestsPerSecond { get; set; } = 20;

    /// <summary>Calls this key may make at once above the average (the size of the token bucket).</summary>
    public int RequestBurst { get; set; } = 100;
}
