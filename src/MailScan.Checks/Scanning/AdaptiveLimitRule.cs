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
/// limit shrinks by a tenth, unless the window also finished more work a second than the one before,
/// by at least <see cref="RateGain"/> and by as much as the median outgrew the tolerance: by
/// Little's law a queue only adds time, so a longer median that came with as much more work done is
/// a change in the work (domains whose mail server is new take seconds, the others under one), not
/// a queue. Failures and timeouts shrink it by a fifth.
/// </summary>
public static class AdaptiveLimitRule
{
    /// <summary>The weight of a new window in the baseline.</summary>
    public const double BaselineWeight = 0.2;

    /// <summary>The share of a window's work that may fail or time out before the limit backs off.</summary>
    public const double DroppedTolerance = 0.05;

    /// <summary>The share of the limit that must have been in flight for the limit to grow: an unused limit says nothing.</summary>
    public const double UsedShare = 0.8;

    /// <summary>The least gain in work a second over the window before for a longer median not to count as a queue.</summary>
    public const double RateGain = 0.1;

    /// <summary>The baseline after a window: the first window's median, then a moving average of the medians.</summary>
    public static TimeSpan NextBaseline(TimeSpan baseline, LimitWindow window) =>
        baseline <= TimeSpan.Zero ? window.MedianLatency : baseline + ((window.MedianLatency - baseline) * BaselineWeight);

    /// <summary>The limit after a window, within the settings' bounds; <paramref name="previousRate"/> is the work a second of the window before (0: none).</summary>
    public static double NextLimit(double limit, TimeSpan baseline, LimitWindow window, AdaptiveLimitSettings settings, double previousRate = 0)
    {
        var next = limit;
        if (window.DroppedShare > DroppedTolerance)
            next = limit * 0.8;
        else if (baseline > TimeSpan.Zero && window.MedianLatency > baseline * settings.LatencyTolerance && !MoreDone(baseline, window, settings, previousRate))
            next = limit * 0.9;
        else if (window.CpuBusy < settings.CpuTarget && window.MostInFlight >= limit * UsedShare && window.Backlog < limit)
            next = limit + Math.Max(1, limit / 10);
        return Math.Clamp(next, settings.Min, settings.Max);
    }

    /// <summary>Whether the window's work a second grew with its median: by a <see cref="RateGain"/> at least, and as much as the median outgrew the tolerance.</summary>
    private static bool MoreDone(TimeSpan baseline, LimitWindow window, AdaptiveLimitSettings settings, double previousRate)
    {
        if (previousRate <= 0)
            return false;
        var gain = window.Rate / previousRate;
        return gain >= 1 + RateGain && gain >= window.MedianLatency / baseline / settings.LatencyTolerance;
    }
}
