namespace MailScan.Dns.Dnssec;

/// <summary>What a set of validated NSEC or NSEC3 records proves about a question.</summary>
public enum DenialOutcome
{
    /// <summary>The denial (no name, no data, no DS) is proven.</summary>
    Proven,
    /// <summary>An opt-out span (or an unusable NSEC3 chain) covers it: an unsigned delegation may exist, so the answer is insecure.</summary>
    Insecure,
    /// <summary>The DS query's name is an unsigned delegation (NS without DS).</summary>
    InsecureDelegation,
    /// <summary>The records do not prove it.</summary>
    Failed,
}
