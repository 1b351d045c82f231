using MailScan.Checks.Discovery;
using MailScan.Checks.Verdicts;

namespace MailScan.Checks.Scanning;

/// <summary>
/// One category of the mail test: which probes it needs once the mail and name servers are
/// known (plan), and the pure verdict over their evidence (judge).
/// </summary>
public interface IMailCheck
{
    /// <summary>The category id (mail_ipv6, ...).</summary>
    string CategoryId { get; }

    /// <summary>The probes this category needs; the scan de-duplicates them across categories.</summary>
    IReadOnlyList<ProbeRequest> Plan(MailServerEvidence servers);

    /// <summary>The category verdict from the evidence of its planned probes. Pure: no I/O, no clock.</summary>
    CategoryResult Judge(MailServerEvidence servers, IProbeResults results);
}
