namespace MailScan.Checks.Policy.MtaSts;

/// <summary>The mode of an MTA-STS policy (RFC 8461 §5).</summary>
public enum MtaStsMode
{
    None,
    Testing,
    Enforce,
}
