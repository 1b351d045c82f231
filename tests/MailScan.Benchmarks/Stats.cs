namespace MailScan.Benchmarks;

/// <summary>Summary statistics for noisy shared machines: medians, not means.</summary>
public static class Stats
{
    public static double Median(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0)
            return double.NaN;
        var sorted = samples.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
