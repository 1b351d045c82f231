namespace MailScan.Checks.Scanning;

/// <summary>
/// The bounds of an adaptive limit: where it starts, how low and high it may go, the share of the
/// machine's cores above which it stops growing, and how far a window's median latency may rise
/// over the baseline before the limit shrinks.
/// </summary>
public sealed record AdaptiveLimitSettings(int Initial, int Min, int Max, double CpuTarget, double LatencyTolerance = 2.0)
{
    /// <summary>A fixed limit: the same count whatever the latency (adaptation off).</summary>
    public static AdaptiveLimitSettings Fixed(int limit) => new(limit, limit, limit, 1.0);

    /// <summary>Whether the limit can move at all.</summary>
    public bool Adapts => Min < Max;
}
