namespace MailScan.Checks.Verdicts;

/// <summary>How far a sub-test may pull its category's status down.</summary>
public enum CategoryImpact
{
    /// <summary>Scoring: the sub-test's status counts in full.</summary>
    Full,
    /// <summary>Counts at most as a warning (e.g. CAA).</summary>
    AtMostWarning,
    /// <summary>Counts at most as information (e.g. certificate trust for mail).</summary>
    AtMostInfo,
    /// <summary>Reported only.</summary>
    None,
}
