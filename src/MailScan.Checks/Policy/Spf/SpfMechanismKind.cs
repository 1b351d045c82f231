namespace MailScan.Checks.Policy.Spf;

/// <summary>The eight mechanisms of RFC 7208 §5.</summary>
public enum SpfMechanismKind
{
    All,
    Include,
    A,
    Mx,
    Ptr,
    Ip4,
    Ip6,
    Exists,
}
