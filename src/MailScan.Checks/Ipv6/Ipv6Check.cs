using MailScan.Checks.Discovery;
using MailScan.Checks.Ipv6.NameServers;
using MailScan.Checks.Scanning;
using MailScan.Checks.Smtp;
using MailScan.Checks.Verdicts;

namespace MailScan.Checks.Ipv6;

/// <summary>Modern address (IPv6): name servers and mail servers have AAAA records and answer over IPv6.</summary>
public sealed class Ipv6Check : IMailCheck
{
    public string CategoryId => CategoryIds.Ipv6;

    public IReadOnlyList<ProbeRequest> Plan(MailServerEvidence servers)
    {
        var requests = new List<ProbeRequest>();
        foreach (var ns in servers.NameServers)
        {
            foreach (var ip in ns.Ipv6)
                requests.Add(new ProbeRequest(new ProbeKey(NameServerReachProbe.Name, ip), servers.NsZone ?? servers.Domain));
        }
        foreach (var mx in servers.MailServers)
        {
            foreach (var ip in mx.Ipv6)
                requests.Add(new ProbeRequest(new ProbeKey(SmtpGreetingProbe.Name, ip), mx.Name));
        }
        return requests;
    }

    public CategoryResult Judge(MailServerEvidence servers, IProbeResults results)
    {
        IReadOnlyList<SubtestResult> tests =
        [
            Ipv6Verdicts.NsAddress(servers),
            Ipv6Verdicts.NsReach(servers, results),
            Ipv6Verdicts.MxAddress(servers),
            Ipv6Verdicts.MxReach(servers, results),
        ];
        return CategoryJudgement.Make(CategoryId, tests, Summary);
    }

    private static string Summary(TestStatus status) => status switch
    {
        TestStatus.Passed => "The name servers and mail servers of the domain have IPv6 addresses and answer over IPv6, so mail from IPv6-only networks reaches it.",
        TestStatus.Failed => "Not every name server and mail server of the domain is reachable over IPv6. Ask the DNS and mail providers to publish an AAAA record for each server and to make it answer over IPv6.",
        TestStatus.Warning or TestStatus.Info => "The domain's servers are reachable over IPv6; see the remarks below.",
        TestStatus.NotTestable => "Some servers could not be measured over IPv6, so the result is incomplete; see which below and scan again later.",
        TestStatus.Error => "The scanner failed while testing IPv6; the result is incomplete.",
        _ => "There was nothing to test.",
    };
}
