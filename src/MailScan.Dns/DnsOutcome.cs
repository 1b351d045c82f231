namespace MailScan.Dns;

/// <summary>How a DNS exchange ended, before looking at the response code.</summary>
public enum DnsOutcome
{
    /// <summary>A response arrived (any RCODE).</summary>
    Answered,
    /// <summary>No response within the timeout and retries.</summary>
    Timeout,
    /// <summary>The network refused or failed (ICMP unreachable, connection refused, reset).</summary>
    NetworkError,
    /// <summary>A response arrived that could not be parsed.</summary>
    Malformed,
}
