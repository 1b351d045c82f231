namespace MailScan.Checks.Policy.Spf;

/// <summary>How an SPF DNS lookup ended (RFC 7208 §5: errors other than NXDOMAIN make a temperror).</summary>
public enum SpfLookupStatus
{
    /// <summary>NOERROR, with or without records.</summary>
    Found,
    /// <summary>The name does not exist.</summary>
    NxDomain,
    /// <summary>SERVFAIL, another RCODE, a timeout or a network error.</summary>
    Error,
}
