using MailScan.Checks.StartTls;
using MailScan.Cli.Lab;

namespace MailScan.Lab.Tests;

/// <summary>The lab catalogue exercises every mail_starttls sub-test, and the verdicts that matter most both ways.</summary>
public sealed class StartTlsCatalogueTests
{
    [Fact]
    public void Every_starttls_subtest_is_catalogued_for_a_lab_domain()
    {
        var expected = Catalogue.Load(LabEnvironment.CataloguePath).Domains.SelectMany(d => d.Expect.Keys).ToHashSet();
        Assert.All(StartTlsSubtestIds.All, id => Assert.Contains(id, expected));
    }

    [Theory]
    [InlineData("mail_starttls_tls_available", new[] { "PASSED", "FAILED", "NOT_TESTABLE" })]
    [InlineData("mail_starttls_tls_version", new[] { "PASSED", "FAILED" })]
    [InlineData("mail_starttls_tls_ciphers", new[] { "PASSED", "WARNING", "FAILED" })]
    [InlineData("mail_starttls_tls_cipherorder", new[] { "PASSED", "FAILED" })]
    [InlineData("mail_starttls_tls_keyexchange", new[] { "PASSED", "FAILED" })]
    [InlineData("mail_starttls_tls_keyexchangehash", new[] { "PASSED", "FAILED" })]
    [InlineData("mail_starttls_tls_clientreneg", new[] { "PASSED", "INFO" })]
    [InlineData("mail_starttls_cert_chain", new[] { "PASSED", "INFO" })]
    [InlineData("mail_starttls_cert_pubkey", new[] { "PASSED", "WARNING", "FAILED" })]
    [InlineData("mail_starttls_cert_sig", new[] { "PASSED", "FAILED" })]
    [InlineData("mail_starttls_cert_domain", new[] { "PASSED", "INFO" })]
    [InlineData("mail_starttls_dane_exist", new[] { "PASSED", "FAILED" })]
    [InlineData("mail_starttls_dane_valid", new[] { "PASSED", "FAILED", "NOT_TESTED" })]
    [InlineData("mail_starttls_dane_rollover", new[] { "PASSED", "INFO" })]
    public void The_catalogue_expects_each_outcome_of_a_subtest(string id, string[] outcomes)
    {
        var seen = Catalogue.Load(LabEnvironment.CataloguePath).Domains.Select(d => d.Expect.GetValueOrDefault(id)).OfType<string>().ToHashSet();
        Assert.Superset(outcomes.ToHashSet(), seen);
    }
}
