using MailScan.Dns;

namespace MailScan.Checks.Policy.Spf;

/// <summary>The lookup behind an a, mx or exists term (A, or MX), kept to count void lookups: status and answer count.</summary>
public sealed record SpfTargetEvidence(string Type, string Name, string Status, int Answers)
{
    /// <summary>NXDOMAIN, or NOERROR without answers (RFC 7208 §4.6.4).</summary>
    public bool IsVoid => Status == DnsStatus.NxDomain || Status == DnsStatus.NoError && Answers == 0;
}
