namespace MailScan.Checks.Scanning;

/// <summary>How a probe ended, as the scanner sees it (what the target did is in the evidence).</summary>
public enum ProbeOutcome
{
    /// <summary>The probe ran; its evidence says what the target did.</summary>
    Completed,
    /// <summary>The target policy refused the address; nothing was sent.</summary>
    NotAllowed,
    /// <summary>The probe did not finish within its time limit.</summary>
    TimedOut,
    /// <summary>The probe itself failed (a fault of the scanner or the bus).</summary>
    Failed,
}
