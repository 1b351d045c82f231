using MailScan.Dns;

namespace MailScan.Checks.Discovery;

/// <summary>The domain's mail servers and name servers with their addresses: what every category builds on.</summary>
public sealed record MailServerEvidence(
    string Domain,
    string MxStatus,
    bool NullMx,
    IReadOnlyList<HostAddresses> MailServers,
    string NsStatus,
    string? NsZone,
    IReadOnlyList<HostAddresses> NameServers)
{
    /// <summary>MX names dropped before testing (localhost, beyond the configured maximum).</summary>
    public IReadOnlyList<string> SkippedMx { get; init; } = [];

    /// <summary>The domain's own A/AAAA when it has no MX (the implicit MX of RFC 5321), for information.</summary>
    public IReadOnlyList<string> ImplicitMxAddresses { get; init; } = [];

    /// <summary>The zones of the MX names with their name servers (for RPKI); one entry per zone.</summary>
    public IReadOnlyList<MailServerZone> MailServerZones { get; init; } = [];

    /// <summary>The domain does not exist.</summary>
    public bool DomainMissing => MxStatus == DnsStatus.NxDomain;

    /// <summary>The MX lookup gave no conclusive answer (SERVFAIL, timeout, ...).</summary>
    public bool MxUnknown => !DnsStatus.IsConclusive(MxStatus);

    /// <summary>The NS lookup gave no conclusive answer.</summary>
    public bool NsUnknown => !DnsStatus.IsConclusive(NsStatus);

    /// <summary>The domain receives mail at the listed servers (not null MX, at least one MX).</summary>
    public bool HasMailServers => MailServers.Count > 0;
}
