using MailScan.Dns;

namespace MailScan.Checks.Discovery;

/// <summary>
/// The zone a mail server's name is in and that zone's name servers (RPKI tests them too:
/// whoever can change the MX zone can redirect the mail).
/// </summary>
/// <param name="Zone">The zone apex (the MX name or the nearest ancestor with NS records); null when the lookup failed.</param>
/// <param name="Status">NOERROR when the NS set was found, else the status of the failed NS lookup.</param>
/// <param name="MailServers">The MX names in this zone.</param>
/// <param name="NameServers">The zone's name servers with their addresses.</param>
public sealed record MailServerZone(string? Zone, string Status, IReadOnlyList<string> MailServers, IReadOnlyList<HostAddresses> NameServers)
{
    /// <summary>The NS lookup gave no conclusive answer.</summary>
    public bool Unknown => !DnsStatus.IsConclusive(Status);
}
