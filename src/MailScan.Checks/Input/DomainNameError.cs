namespace MailScan.Checks.Input;

/// <summary>Why a user's text is not a domain name: the fault to branch on and the one line to show.</summary>
public sealed record DomainNameError(DomainNameFault Fault, string Reason)
{
    public override string ToString() => Reason;
}
