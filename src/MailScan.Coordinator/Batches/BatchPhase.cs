namespace MailScan.Coordinator.Batches;

/// <summary>Where a batch is in its life.</summary>
public enum BatchPhase
{
    /// <summary>Domains are waiting or being scanned.</summary>
    Running,
    /// <summary>Every domain is reported.</summary>
    Completed,
    /// <summary>Stopped on request; what was reported stays readable.</summary>
    Cancelled,
}
