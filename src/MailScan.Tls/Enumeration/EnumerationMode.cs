namespace MailScan.Tls.Enumeration;

/// <summary>How much the enumeration asks of a server.</summary>
public enum EnumerationMode
{
    /// <summary>What the verdicts need: for each version and class one probe, the order, the groups by class (fewest connections).</summary>
    Verdict,
    /// <summary>Every accepted suite of every version and every group, like sslscan (one connection per accepted suite).</summary>
    Full,
}
