namespace MailScan.Coordinator.Batches;

/// <summary>Why a batch request cannot be served; the gRPC face maps each to its status code.</summary>
public enum BatchProblem
{
    /// <summary>The request is wrong: no valid name, a bad file path.</summary>
    InvalidRequest,
    /// <summary>More than the coordinator accepts.</summary>
    TooLarge,
    /// <summary>No batch with that id.</summary>
    UnknownBatch,
    /// <summary>The coordinator is not set up for it (file submissions without an input directory).</summary>
    NotAllowed,
    /// <summary>Over a quota of the caller's API key (running batches, names per day).</summary>
    OverQuota,
    /// <summary>The coordinator as a whole is at a limit (open streams); the same call may succeed later.</summary>
    Busy,
    /// <summary>The call took longer than the coordinator allows (a submission that trickles in).</summary>
    TooSlow,
}
