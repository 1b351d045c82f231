using MailScan.Cli.Lab;

namespace MailScan.Lab.Tests;

/// <summary>Every lab domain gets, through the real lab servers, the statuses and scores deploy/lab/catalogue.json lists.</summary>
[Collection(LabCollection.Name)]
public sealed class CatalogueTests(LabScanner lab)
{
    public static TheoryData<string> Domains()
    {
        var data = new TheoryData<string>();
        foreach (var entry in Catalogue.Load(LabEnvironment.CataloguePath).Domains)
            data.Add(entry.Domain);
        return data;
    }

    [Theory]
    [MemberData(nameof(Domains))]
    public async Task Lab_domain_gets_the_catalogued_verdicts_and_scores(string domain)
    {
        var entry = Catalogue.Load(LabEnvironment.CataloguePath).Domains.Single(d => d.Domain == domain);
        var report = await lab.ScanAsync(domain);
        var mismatches = entry.Mismatches(report);
        Assert.True(mismatches.Count == 0, $"{domain} ({entry.Purpose}):\n  " + string.Join("\n  ", mismatches));
    }

    [Fact]
    public void Every_lab_domain_has_every_category_verdict_and_score_and_together_they_cover_no_score()
    {
        var catalogue = Catalogue.Load(LabEnvironment.CataloguePath);
        string[] categories = ["mail_ipv6", "mail_dnssec", "mail_auth", "mail_starttls", "mail_rpki"];
        Assert.All(catalogue.Domains, d =>
        {
            var scores = d.Scores ?? new Dictionary<string, int?>();
            Assert.True(scores.Keys.ToHashSet().SetEquals([.. categories, "overall"]), $"{d.Domain} has scores for {string.Join(", ", scores.Keys)}: not every category and the overall score");
            Assert.All(categories, id => Assert.True(d.Expect.ContainsKey(id), $"{d.Domain} has no expected verdict for {id}"));
        });
        Assert.Contains(catalogue.Domains.SelectMany(d => d.Scores!), s => s.Value is null);
    }

    [Fact]
    public void The_catalogue_covers_every_category_of_the_ipv6_issue()
    {
        var catalogue = Catalogue.Load(LabEnvironment.CataloguePath);
        var statuses = catalogue.Domains.SelectMany(d => d.Expect).Where(e => e.Key.StartsWith("mail_ipv6_", StringComparison.Ordinal)).Select(e => e.Value).ToHashSet();
        Assert.Superset(new HashSet<string> { "PASSED", "FAILED", "WARNING", "NOT_TESTED" }, statuses);
    }

    [Fact]
    public void The_catalogue_covers_every_verdict_of_the_authenticity_issue()
    {
        var catalogue = Catalogue.Load(LabEnvironment.CataloguePath);
        var expected = catalogue.Domains.SelectMany(d => d.Expect).ToList();
        foreach (var id in new[] { "mail_auth_dmarc_exist", "mail_auth_dkim_exist", "mail_auth_spf_exist" })
            Assert.Superset(new HashSet<string> { "PASSED", "FAILED" }, expected.Where(e => e.Key == id).Select(e => e.Value).ToHashSet());
        Assert.Superset(new HashSet<string> { "PASSED", "FAILED", "NOT_TESTED" }, expected.Where(e => e.Key == "mail_auth_spf_policy").Select(e => e.Value).ToHashSet());
        Assert.Superset(new HashSet<string> { "PASSED", "FAILED", "WARNING", "NOT_TESTED" }, expected.Where(e => e.Key == "mail_auth_dmarc_policy").Select(e => e.Value).ToHashSet());
        Assert.Superset(new HashSet<string> { "PASSED", "WARNING" }, expected.Where(e => e.Key == "mail_auth_dmarc_ext_destination").Select(e => e.Value).ToHashSet());
        Assert.Contains(expected, e => e.Key == "mail_auth_dkim_exist" && e.Value == "NOT_TESTED");
        Assert.Superset(new HashSet<string> { "PASSED", "FAILED", "INFO" }, expected.Where(e => e.Key == "mailscan_mta_sts").Select(e => e.Value).ToHashSet());
        Assert.Superset(new HashSet<string> { "PASSED", "FAILED", "INFO" }, expected.Where(e => e.Key == "mailscan_tls_rpt").Select(e => e.Value).ToHashSet());
    }

    [Fact]
    public void The_catalogue_covers_every_status_of_the_rpki_issue()
    {
        var catalogue = Catalogue.Load(LabEnvironment.CataloguePath);
        var statuses = catalogue.Domains.SelectMany(d => d.Expect)
            .Where(e => e.Key.Contains("rpki_", StringComparison.Ordinal)).Select(e => e.Value).ToHashSet();
        Assert.Superset(new HashSet<string> { "PASSED", "FAILED", "WARNING", "NOT_TESTED" }, statuses);
    }
}
