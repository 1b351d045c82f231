namespace MailScan.Checks.Targets;

/// <summary>The target policy's answer for one address.</summary>
public sealed record TargetDecision(bool IsAllowed, string Reason)
{
    public static TargetDecision Allowed { get; } = new(true, string.Empty);

    public static TargetDecision Refused(string reason) => new(false, reason);
}
