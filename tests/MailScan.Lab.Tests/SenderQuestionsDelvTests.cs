using System.Text;
using System.Text.Json.Nodes;
using DnsClient;
using MailScan.Checks.Dnssec;
using MailScan.Cli.Lab;
using Xunit.Abstractions;

namespace MailScan.Lab.Tests;

/// <summary>
/// The answers a sending server resolves (the domain's MX; each MX name's A, AAAA and _25._tcp
/// TLSA) judged by mail_dnssec_mailto_valid and mail_dnssec_mx_valid, with BIND's delv as the
/// referee: an RRset we name as bogus, delv must fail to validate too; one we call secure, delv
/// must fully validate.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class SenderQuestionsDelvTests(LabScanner lab, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_senders_answer_we_judge_delv_judges_alike()
    {
        var resolver = LabEnvironment.Options().Dns.Resolvers[0];
        var domains = Catalogue.Load(LabEnvironment.CataloguePath).Domains.Where(d => d.Expect.ContainsKey("mail_dnssec")).Select(d => d.Domain).ToList();
        var judged = new List<(string Query, string Ours)>();
        var reasons = new Dictionary<string, string>();
        foreach (var domain in domains)
        {
            var report = await lab.ScanAsync(domain);
            var tests = report.Categories.SelectMany(c => c.Tests).Where(t => t.Id is DnssecSubtestIds.MailtoValid or DnssecSubtestIds.MxValid);
            foreach (var answer in tests.SelectMany(t => t.Details?["answers"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var ours = answer["status"]!.GetValue<string>().ToLowerInvariant();
                if (ours is "secure" or "bogus")
                {
                    judged.Add((answer["query"]!.GetValue<string>(), ours));
                    reasons[answer["query"]!.GetValue<string>()] = answer["error"]?.GetValue<string>() ?? string.Empty;
                }
            }
        }

        var mismatches = new List<string>();
        var table = new StringBuilder("| question | delv | mailscan | RFC 8914 |\n|---|---|---|---|\n");
        foreach (var (query, ours) in judged.Distinct())
        {
            var parts = query.Split(' ');
            var delv = await DelvAgreementTests.DelvAsync(parts[0], Enum.Parse<QueryType>(parts[1]), resolver);
            table.Append($"| {query} | {delv} | {ours} | {reasons[query]} |\n");
            if (delv != ours)
                mismatches.Add($"{query}: delv {delv}, ours {ours}");
        }
        output.WriteLine(table.ToString());
        Assert.Contains(("bogus-norrsig.test MX", "bogus"), judged);
        Assert.Contains(("_25._tcp.mx1.bogus-nsec3.test TLSA", "bogus"), judged);
        Assert.True(mismatches.Count == 0, "delv disagrees:\n  " + string.Join("\n  ", mismatches));
    }

    [Fact]
    public async Task The_MX_RRset_without_signatures_fails_mailto_valid_and_delv_cannot_validate_it()
    {
        var report = await lab.ScanAsync("bogus-norrsig.test");
        var mailtoValid = report.Categories.SelectMany(c => c.Tests).Single(t => t.Id == DnssecSubtestIds.MailtoValid);
        Assert.Equal(Checks.Verdicts.TestStatus.Failed, mailtoValid.Status);
        Assert.Contains("RRSIGsMissing: zone bogus-norrsig.test, RRset bogus-norrsig.test/MX", mailtoValid.Reason, StringComparison.Ordinal);
        Assert.Equal("bogus", await DelvAgreementTests.DelvAsync("bogus-norrsig.test", QueryType.MX, LabEnvironment.Options().Dns.Resolvers[0]));
        Assert.Equal("secure", await DelvAgreementTests.DelvAsync("bogus-norrsig.test", QueryType.SOA, LabEnvironment.Options().Dns.Resolvers[0]));
    }
}
