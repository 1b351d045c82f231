namespace MailScan.Checks.Policy.Spf;

/// <summary>What makes an SPF policy unusable for the mail test.</summary>
public enum SpfPolicyProblemKind
{
    Syntax,
    TooManyLookups,
    TooManyVoidLookups,
    BrokenInclude,
    BrokenRedirect,
    Loop,
    DnsFailure,
}
