namespace MailScan.Checks.Scanning;

/// <summary>The fixed words that metrics and spans use for a <see cref="ProbeOutcome"/>.</summary>
public static class ProbeOutcomeLabels
{
    /// <summary>completed, not_allowed, timed_out or failed.</summary>
    public static string Label(this ProbeOutcome outcome) => outcome switch
    {
        ProbeOutcome.Completed => "completed",
        ProbeOutcome.NotAllowed => "not_allowed",
        ProbeOutcome.TimedOut => "timed_out",
        _ => "failed",
    };
}
