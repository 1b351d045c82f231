using MailScan.Checks.Discovery;
using MailScan.Checks.Scanning;

namespace MailScan.Checks.StartTls;

/// <summary>One (MX name, address) pair and what its STARTTLS probe returned.</summary>
public sealed record MailServerTarget(string MxName, string Address, ProbeResult? Result)
{
    /// <summary>
    /// The evidence, or null when there is none or it is not a STARTTLS evaluation (e.g. damaged on
    /// the way). Read from its JSON once: each of the category's sub-tests asks for it.
    /// </summary>
    public StartTlsEvidence? Evidence { get; } = Result?.EvidenceAs<StartTlsEvidence>() is { Address: not null, Chain: not null } e ? e : null;

    /// <summary>Every (MX name, address) pair of the domain with its STARTTLS evaluation, in MX order.</summary>
    public static List<MailServerTarget> All(MailServerEvidence servers, IProbeResults results) =>
        servers.MailServers
            .SelectMany(mx => mx.Ipv4.Concat(mx.Ipv6).Select(ip => new MailServerTarget(mx.Name, ip, results.Find(new ProbeKey(StartTlsProbe.Name, ip)))))
            .ToList();
}
