using MailScan.Dns;

namespace MailScan.Checks.Policy;

/// <summary>One TXT lookup as evidence: the name asked, how it ended (NOERROR, NXDOMAIN, SERVFAIL, TIMEOUT, ...) and the records (strings joined).</summary>
public sealed record TxtEvidence(string Name, string Status, IReadOnlyList<string> Records)
{
    /// <summary>NOERROR or NXDOMAIN: the answer says what is there.</summary>
    public bool IsConclusive => DnsStatus.IsConclusive(Status);
}
