namespace MailScan.Checks.Auth;

/// <summary>What DMARC discovery found.</summary>
public enum DmarcFindingKind
{
    /// <summary>Exactly one record applies.</summary>
    Found,
    /// <summary>No record at the domain nor at its organisational domain.</summary>
    None,
    /// <summary>More than one record where the first ones were found: no record applies (RFC 7489 §6.6.3).</summary>
    Several,
    /// <summary>A lookup failed, so the answer is unknown.</summary>
    DnsFailure,
}
