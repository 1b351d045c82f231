using MailScan.Checks.Discovery;
using MailScan.Checks.Scanning;
using MailScan.Checks.Verdicts;
using MailScan.Dns.Dnssec;

namespace MailScan.Checks.Dnssec;

/// <summary>
/// Signed domain names (DNSSEC): the mail domain and every MX name, validated in process: the SOA
/// (Internet.nl's question) and what a sending server resolves (MX; A, AAAA and _25._tcp TLSA).
/// </summary>
public sealed class DnssecCheck : IMailCheck
{
    public string CategoryId => CategoryIds.Dnssec;

    public IReadOnlyList<ProbeRequest> Plan(MailServerEvidence servers) =>
    [
        new ProbeRequest(new ProbeKey(DnssecProbe.Name, servers.Domain)),
        new ProbeRequest(new ProbeKey(DnssecMailtoProbe.Name, servers.Domain)),
        .. servers.MailServers.Select(mx => new ProbeRequest(new ProbeKey(DnssecProbe.Name, mx.Name))),
        .. servers.MailServers.Select(mx => mx.Name).Distinct().Select(name => new ProbeRequest(new ProbeKey(DnssecMxHostProbe.Name, name))),
    ];

    public CategoryResult Judge(MailServerEvidence servers, IProbeResults results)
    {
        IReadOnlyList<SubtestResult> tests =
        [
            DnssecVerdicts.MailtoExist(servers, results),
            DnssecVerdicts.MailtoValid(servers, results),
            DnssecVerdicts.MxExist(servers, results),
            DnssecVerdicts.MxValid(servers, results),
            DnssecVerdicts.Reasons(servers, results),
        ];
        return CategoryJudgement.Make(CategoryId, tests, Summary);
    }

    private static string Summary(TestStatus status) => status switch
    {
        TestStatus.Passed => "The domain and its mail servers' domains are signed with DNSSEC and validate, so their DNS answers cannot be forged unnoticed.",
        TestStatus.Failed => "The domain or a mail server's domain is not signed with DNSSEC, or its signatures do not validate. Ask the DNS provider to sign the zone (and publish the DS at the registry), or to repair the broken link named below.",
        TestStatus.NotTestable => "The DNSSEC status of some names could not be determined; see which below and scan again later.",
        TestStatus.Error => "The scanner failed while validating DNSSEC; the result is incomplete.",
        _ => "The domain's DNSSEC status; see the remarks below.",
    };
}
