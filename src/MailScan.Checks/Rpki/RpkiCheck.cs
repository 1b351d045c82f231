using MailScan.Checks.Discovery;
using MailScan.Checks.Scanning;
using MailScan.Checks.Verdicts;

namespace MailScan.Checks.Rpki;

/// <summary>Route authorisation (RPKI): the routes to the mail servers, the name servers and the MX zones' name servers are RPKI-valid.</summary>
public sealed class RpkiCheck : IMailCheck
{
    public string CategoryId => CategoryIds.Rpki;

    public IReadOnlyList<ProbeRequest> Plan(MailServerEvidence servers) =>
        Groups(servers).SelectMany(g => g.Group.Addresses).Select(a => a.Address).Distinct()
            .Select(ip => new ProbeRequest(new ProbeKey(ProbeKinds.RouteOrigin, ip)))
            .ToList();

    public CategoryResult Judge(MailServerEvidence servers, IProbeResults results)
    {
        var tests = new List<SubtestResult>();
        foreach (var (group, existsId, validId) in Groups(servers))
        {
            var findings = RpkiAddressFinding.Of(group, results);
            tests.Add(RpkiVerdicts.Exists(existsId, group, findings));
            tests.Add(RpkiVerdicts.Valid(validId, group, findings));
        }
        return CategoryJudgement.Make(CategoryId, tests, Summary);
    }

    private static IEnumerable<(RpkiHostGroup Group, string ExistsId, string ValidId)> Groups(MailServerEvidence servers) =>
    [
        (RpkiHostGroup.MailServers(servers), RpkiSubtestIds.MxExists, RpkiSubtestIds.MxValid),
        (RpkiHostGroup.NameServers(servers), RpkiSubtestIds.NsExists, RpkiSubtestIds.NsValid),
        (RpkiHostGroup.MailServerNameServers(servers), RpkiSubtestIds.MxNsExists, RpkiSubtestIds.MxNsValid),
    ];

    private static string Summary(TestStatus status) => status switch
    {
        TestStatus.Passed => "The routes to the mail servers and name servers are covered by ROAs and RPKI-valid, so networks that validate route origins protect them against hijacks.",
        TestStatus.Failed => "A route to a mail server or name server is RPKI-invalid: networks that validate route origins drop it, so mail or DNS may not reach the domain. Ask the network operator to fix the ROA or the announcement.",
        TestStatus.Warning or TestStatus.Info => "Not every route to the domain's servers is covered by a ROA; the network operators can publish ROAs so that route hijacks are rejected.",
        TestStatus.NotTestable => "Some servers could not be tested for route authorisation; see which below and scan again later.",
        TestStatus.Error => "The scanner could not check route authorisation (its RPKI data or BGP view was unavailable); the result is incomplete.",
        _ => "There was nothing to validate: no routes of the servers are covered by ROAs, or there are no servers to test.",
    };
}
