namespace MailScan.Checks.Scanning;

/// <summary>
/// How an adaptive concurrency limit moves after a window, a pure function (a gradient rule with
/// additive increase and multiplicative decrease). The baseline is a moving average of the window
/// medians, so a change in the work itself (a batch reaching mail servers that take longer)
/// becomes the new normal within a few windows, while a jump above it does not. While the window's
/// median stays within the tolerance of the baseline, the work is not queueing anywhere: the limit
/// grows by a tenth if it was used, the cores are below the target and what it handed on is not
/// waiting further down (a backlog as long as the limit: more would only queue). A median above the
/// tolerance means something shared (a server, the cores, a politeness limit) is saturated: the
/// limit shrinks by a tenth. Failures and timeouts shrink it by a fifth.
/// </summary>
public static class AdaptiveLimitRule
{
    /// <summary>The weight of a new window in the baseline.</summary>
    public const double BaselineWeight = 0.2;

    /// <summary>The share of a window's work that may fail or time out before the limit backs off.</summary>
    public const double DroppedTolerance = 0.05;

    /// <summary>The share of the limit that must have been in flight for the limit to grow: an unused limit says nothing.</summary>
    public const double UsedShare = 0.8;

    /// <summary>The baseline after a window: the first window's median, then a moving average of the medians.</summary>
    public static TimeSpan NextBaseline(TimeSpan baseline, LimitWindow window) =>
        baseline <= TimeSpan.Zero ? window.MedianLatency : baseline + ((window.MedianLatency - baseline) * BaselineWeight);

    /// <summary>The limit after a window, within the settings' bounds.</summary>
    public static double NextLimit(double limit, TimeSpan baseline, LimitWindow window, AdaptiveLimitSettings settings)
    {
        var next = limit;
        if (window.DroppedShare > DroppedTolerance)
            next = limit * 0.8;
        else if (baseline > TimeSpan.Zero && window.MedianLatency > baseline * settings.LatencyTolerance)
            next = limit * 0.9;
        else if (window.CpuBusy < settings.CpuTarget && window.MostInFlight >= limit * UsedShare && window.Backlog < limit)
            next = limit + Math.Max(1, limit / 10);
        return Math.Clamp(next, settings.Min, settings.Max);
    }
}
