namespace MailScan.Rpki.Rtr;

/// <summary>The RTR session cannot go on: the cache broke the protocol, reported an error, or went silent.</summary>
public sealed class RtrException(string message, RtrErrorCode? report = null) : Exception(message)
{
    /// <summary>The error to report to the cache before closing (RFC 8210 §12), when the fault is the cache's.</summary>
    public RtrErrorCode? Report { get; } = report;
}
