namespace MailScan.Rpki.Rtr;

/// <summary>Why bytes from a cache are not a valid PDU: the error code to report back, where, and what.</summary>
public sealed record RtrDecodeError(RtrErrorCode Code, string Position, string Reason)
{
    public override string ToString() => $"{Position}: {Reason}";
}
