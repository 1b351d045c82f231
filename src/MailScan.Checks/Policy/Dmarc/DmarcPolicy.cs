namespace MailScan.Checks.Policy.Dmarc;

/// <summary>A DMARC policy (p=, sp=, np=), weakest first.</summary>
public enum DmarcPolicy
{
    None,
    Quarantine,
    Reject,
}
