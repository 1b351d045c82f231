using System.Text.Json;
using MailScan.Checks.Discovery;
using MailScan.Checks.Dnssec;
using MailScan.Checks.Scanning;
using MailScan.Checks.Verdicts;
using MailScan.Dns.Dnssec;

namespace MailScan.Checks.Tests.Dnssec;

/// <summary>
/// The DNSSEC verdicts on the evidence of real lab scans (Captured/, the dns.dnssec* probes of
/// `mailscan scan DOMAIN --json`), and on small evidence for the branches the lab does not reach.
/// </summary>
public sealed class DnssecVerdictsTests
{
    [Fact]
    public void A_bogus_MX_RRset_fails_mailto_valid_although_the_SOA_validates()
    {
        var (servers, results) = Captured("bogus-norrsig.test");
        var result = DnssecVerdicts.MailtoValid(servers, results);
        Assert.Equal(TestStatus.Failed, result.Status);
        Assert.Contains("bogus-norrsig.test MX is bogus (RRSIGsMissing", result.Reason, StringComparison.Ordinal);
        Assert.Contains("RRset bogus-norrsig.test/MX", result.Reason, StringComparison.Ordinal);
        Assert.Contains("the SOA of bogus-norrsig.test, the only answer Internet.nl validates, is secure", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_details_keep_the_SOA_row_beside_the_senders_answers()
    {
        var (servers, results) = Captured("bogus-norrsig.test");
        var details = DnssecVerdicts.MailtoValid(servers, results).Details!;
        Assert.Equal("SECURE", details["names"]![0]!["status"]!.GetValue<string>());
        Assert.Equal("bogus-norrsig.test SOA", details["names"]![0]!["query"]!.GetValue<string>());
        Assert.Equal("BOGUS", details["answers"]![0]!["status"]!.GetValue<string>());
        Assert.Equal("bogus-norrsig.test MX", details["answers"]![0]!["query"]!.GetValue<string>());
    }

    [Fact]
    public void A_bogus_MX_RRset_scores_the_domain_zero()
    {
        var (servers, results) = Captured("bogus-norrsig.test");
        var points = DnssecVerdicts.MailtoValid(servers, results).Points!;
        Assert.Equal(0, points.Single(p => p.Server == "bogus-norrsig.test").Points);
    }

    [Fact]
    public void Addresses_that_validate_beside_a_bogus_TLSA_denial_fail_mx_valid_naming_the_denial()
    {
        var (servers, results) = Captured("bogus-nsec3.test");
        var result = DnssecVerdicts.MxValid(servers, results);
        Assert.Equal(TestStatus.Failed, result.Status);
        Assert.Contains("its addresses validate while its denials do not", result.Reason, StringComparison.Ordinal);
        Assert.Contains("the denial for _25._tcp.mx1.bogus-nsec3.test TLSA is bogus (DNSSECBogus", result.Reason, StringComparison.Ordinal);
        Assert.Contains("a sending server's DANE lookup fails", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secure_MX_RRset_beside_a_secure_SOA_passes_mailto_valid() =>
        Assert.Equal(TestStatus.Passed, DnssecVerdicts.MailtoValid(Captured("bogus-nsec3.test").Servers, Captured("bogus-nsec3.test").Results).Status);

    [Fact]
    public void An_insecure_TLSA_denial_under_opt_out_is_not_bogus_and_mx_valid_passes()
    {
        var (servers, results) = Captured("sec-optout.test");
        Assert.Equal(TestStatus.Passed, DnssecVerdicts.MxValid(servers, results).Status);
        Assert.Equal(TestStatus.Passed, DnssecVerdicts.MailtoValid(servers, results).Status);
    }

    [Fact]
    public void A_bogus_address_answer_fails_mx_valid_when_the_SOA_validates()
    {
        var results = Results(
            Soa("example.nl", DnssecStatus.Secure), Mailto("example.nl", DnssecStatus.Secure),
            Soa("mx.example.nl", DnssecStatus.Secure),
            Host("mx.example.nl", Answer("mx.example.nl A", DnssecStatus.Bogus, denial: false), Answer("mx.example.nl AAAA", DnssecStatus.Secure, denial: true), Answer("_25._tcp.mx.example.nl TLSA", DnssecStatus.Secure, denial: true)));
        var result = DnssecVerdicts.MxValid(Servers, results);
        Assert.Equal(TestStatus.Failed, result.Status);
        Assert.Contains("mx.example.nl: its SOA validates, but the answer for mx.example.nl A is bogus (SignatureExpired", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("DANE", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_undetermined_MX_RRset_beside_a_secure_SOA_is_not_testable()
    {
        var results = Results(Soa("example.nl", DnssecStatus.Secure), Mailto("example.nl", DnssecStatus.Indeterminate));
        var result = DnssecVerdicts.MailtoValid(Servers, results);
        Assert.Equal(TestStatus.NotTestable, result.Status);
        Assert.Contains("example.nl MX: ", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sender_probe_that_did_not_complete_leaves_mx_valid_not_testable()
    {
        var results = Results(
            Soa("example.nl", DnssecStatus.Secure), Mailto("example.nl", DnssecStatus.Secure), Soa("mx.example.nl", DnssecStatus.Secure),
            ProbeResult.NotCompleted(new ProbeKey(DnssecMxHostProbe.Name, "mx.example.nl"), ProbeOutcome.TimedOut, "timed out", TimeSpan.Zero));
        Assert.Equal(TestStatus.NotTestable, DnssecVerdicts.MxValid(Servers, results).Status);
    }

    [Fact]
    public void Secure_answers_to_every_senders_question_pass_both_valid_subtests()
    {
        var results = Results(
            Soa("example.nl", DnssecStatus.Secure), Mailto("example.nl", DnssecStatus.Secure), Soa("mx.example.nl", DnssecStatus.Secure),
            Host("mx.example.nl", Answer("mx.example.nl A", DnssecStatus.Secure, denial: false), Answer("mx.example.nl AAAA", DnssecStatus.Secure, denial: true), Answer("_25._tcp.mx.example.nl TLSA", DnssecStatus.Secure, denial: true)));
        Assert.Equal(TestStatus.Passed, DnssecVerdicts.MailtoValid(Servers, results).Status);
        Assert.Equal(TestStatus.Passed, DnssecVerdicts.MxValid(Servers, results).Status);
        Assert.Equal(TestStatus.Passed, DnssecVerdicts.Reasons(Servers, results).Status);
    }

    [Fact]
    public void Bogus_senders_answers_are_listed_among_the_broken_links()
    {
        var results = Results(Soa("example.nl", DnssecStatus.Secure), Mailto("example.nl", DnssecStatus.Bogus), Soa("mx.example.nl", DnssecStatus.Secure));
        var result = DnssecVerdicts.Reasons(Servers, results);
        Assert.Equal(TestStatus.Info, result.Status);
        Assert.Contains("example.nl MX: SignatureExpired", result.Reason, StringComparison.Ordinal);
    }

    private static readonly MailServerEvidence Servers =
        new("example.nl", "NOERROR", false, [new HostAddresses("mx.example.nl", 10, ["192.0.2.25"], [], "NOERROR", "NOERROR")], "NOERROR", "example.nl", []);

    private static DnssecAnswer Answer(string query, DnssecStatus status, bool denial)
    {
        var name = query[..query.IndexOf(' ', StringComparison.Ordinal)];
        return status switch
        {
            DnssecStatus.Bogus => new(name, query, "NOERROR", denial, status, $"SignatureExpired: zone example.nl, RRset {name}/x: the RRSIG expired", "SignatureExpired", "example.nl", $"{name}/x"),
            DnssecStatus.Indeterminate => new(name, query, "SERVFAIL", denial, status, "DNSSECIndeterminate: no answer", "DNSSECIndeterminate", null, null),
            _ => new(name, query, "NOERROR", denial, status, null, null, null, null),
        };
    }

    private static ProbeResult Soa(string name, DnssecStatus status) =>
        ProbeResult.Completed(new ProbeKey(DnssecProbe.Name, name), new DnssecEvidence(name, $"{name} SOA", "NOERROR", status, null, null, null, null), TimeSpan.Zero);

    private static ProbeResult Mailto(string domain, DnssecStatus status) =>
        ProbeResult.Completed(new ProbeKey(DnssecMailtoProbe.Name, domain), new DnssecSenderEvidence(domain, [Answer($"{domain} MX", status, denial: false)]), TimeSpan.Zero);

    private static ProbeResult Host(string name, params DnssecAnswer[] answers) =>
        ProbeResult.Completed(new ProbeKey(DnssecMxHostProbe.Name, name), new DnssecSenderEvidence(name, answers), TimeSpan.Zero);

    private static ProbeResultSet Results(params ProbeResult[] results)
    {
        var set = new ProbeResultSet();
        foreach (var result in results)
            set.Add(result);
        return set;
    }

    /// <summary>A captured lab scan: the mail servers found and the DNSSEC probes' evidence, as the scanner produced it.</summary>
    private static (MailServerEvidence Servers, ProbeResultSet Results) Captured(string domain)
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "DnssecCaptured", domain + ".json")));
        var root = file.RootElement;
        var mx = root.GetProperty("mailServers").EnumerateArray()
            .Select(m => new HostAddresses(m.GetProperty("name").GetString()!, m.GetProperty("preference").GetInt32(), [], [], "NOERROR", "NOERROR")).ToList();
        var servers = new MailServerEvidence(domain, "NOERROR", false, mx, "NOERROR", domain, []);
        var results = Results([.. root.GetProperty("probes").EnumerateArray().Select(p => ProbeResult.Completed(
            new ProbeKey(p.GetProperty("kind").GetString()!, p.GetProperty("target").GetString()!), p.GetProperty("evidence").Clone(), TimeSpan.Zero))]);
        return (servers, results);
    }
}
