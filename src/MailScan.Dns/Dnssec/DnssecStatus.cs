namespace MailScan.Dns.Dnssec;

/// <summary>The DNSSEC status of an answer (RFC 4033 §5).</summary>
public enum DnssecStatus
{
    /// <summary>A chain of trust from a trust anchor proves the answer.</summary>
    Secure,
    /// <summary>A chain of trust proves that the zone is not signed.</summary>
    Insecure,
    /// <summary>The zone should be signed, but the proof fails.</summary>
    Bogus,
    /// <summary>No answer, or not enough data to decide.</summary>
    Indeterminate,
}
