using MailScan.Checks.Discovery;
using MailScan.Checks.Scanning;
using MailScan.Checks.StartTls.Caa;
using MailScan.Checks.StartTls.Dane;
using MailScan.Checks.Verdicts;
using MailScan.Tls.Enumeration;

namespace MailScan.Checks.StartTls;

/// <summary>
/// Secure mail server connection (STARTTLS and DANE): per mail server address the STARTTLS and TLS
/// evaluation (shared by every MX name and domain on that address), per MX name its TLSA and CAA
/// records; the worst server decides each sub-test.
/// </summary>
public sealed class StartTlsCheck : IMailCheck
{
    public string CategoryId => CategoryIds.StartTls;

    public IReadOnlyList<ProbeRequest> Plan(MailServerEvidence servers)
    {
        var requests = new List<ProbeRequest>();
        foreach (var mx in servers.MailServers)
        {
            foreach (var ip in mx.Ipv4.Concat(mx.Ipv6))
                requests.Add(new ProbeRequest(new ProbeKey(StartTlsProbe.Name, ip), mx.Name));
            requests.Add(new ProbeRequest(new ProbeKey(TlsaProbe.Name, mx.Name)));
            requests.Add(new ProbeRequest(new ProbeKey(CaaProbe.Name, mx.Name)));
        }
        return requests;
    }

    public CategoryResult Judge(MailServerEvidence servers, IProbeResults results)
    {
        var tests = NotApplicable(servers) ?? StartTlsVerdicts.All(servers, results);
        var result = CategoryJudgement.Make(CategoryId, tests, status => servers.HasMailServers || servers.MxUnknown ? Summary(status) : WithoutMailServer(servers));
        return result with { StrictServers = StrictServers.Of(MailServerTarget.All(servers, results), result.Tests) };
    }

    /// <summary>The paragraph of a domain without a mail server: nothing was wrong, there was nothing to connect to.</summary>
    private static string WithoutMailServer(MailServerEvidence servers) => servers.NullMx
        ? "The domain declares that it accepts no mail (null MX), so there is no mail server connection to secure."
        : "The domain has no mail server (no MX record), so there is no mail server connection to secure.";

    /// <summary>No mail server, null MX or an unknown MX set: every sub-test says so.</summary>
    private static IReadOnlyList<SubtestResult>? NotApplicable(MailServerEvidence servers)
    {
        if (servers.MxUnknown)
            return Every(TestStatus.NotTestable, $"the MX records could not be looked up ({servers.MxStatus})", level: null);
        if (!servers.HasMailServers)
            return Every(TestStatus.NotTested, servers.NullMx ? "the domain accepts no mail (null MX)" : "the domain has no mail server (no MX record)", SubtestLevels.WithoutMailServer);
        return null;
    }

    private static IReadOnlyList<SubtestResult> Every(TestStatus status, string reason, SubtestLevel? level) =>
        StartTlsSubtestIds.All.Select(id => new SubtestResult(id, status, reason) { Level = level ?? SubtestLevels.Of(id) }).ToList();

    private static string Summary(TestStatus status) => status switch
    {
        TestStatus.Passed => "The mail servers offer STARTTLS with good TLS settings, and the connection is secured well.",
        TestStatus.Failed => "Mail to this domain is not transported securely enough: see the failed sub-tests and ask the mail provider to fix them.",
        TestStatus.Warning or TestStatus.Info => "The mail servers offer a secure connection; see the remarks below.",
        TestStatus.NotTestable => "Some mail servers could not be measured, so the result is incomplete; see which below and scan again later.",
        TestStatus.Error => "The scanner failed while testing the mail servers; the result is incomplete.",
        _ => "There was nothing to test.",
    };
}
