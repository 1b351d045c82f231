using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailScan.Checks.Discovery;
using MailScan.Checks.Scanning;
using MailScan.Checks.Smtp;
using MailScan.Checks.StartTls;
using MailScan.Checks.StartTls.Caa;
using MailScan.Checks.StartTls.Dane;
using MailScan.Checks.Verdicts;
using MailScan.Dns.Dnssec;
using MailScan.Tls;
using MailScan.Tls.Enumeration;

namespace MailScan.Checks.Tests.StartTls;

/// <summary>The STARTTLS category score through the real check: per mail server points, the minimum, and who is left out.</summary>
public sealed class StartTlsScoringTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static TlsEvaluation Tls(IReadOnlyList<TlsVersion> versions) => new(
        "Verdict", 10, true, versions, [TlsVersion.Tls11, TlsVersion.Tls10, TlsVersion.Ssl30],
        [new(TlsVersion.Tls13, 0x1302, "TLS_AES_256_GCM_SHA384", TlsClass.Good)],
        new CipherOrderResult(TlsVersion.Tls12, true, true, true, "a", "a"),
        [new AcceptedGroup("x25519", 29, null, "TLS 1.3", TlsClass.Good)],
        new KeyExchangeHashResult(true, false, false, []), false, true, versions.Contains(TlsVersion.Tls12) ? true : null, [], []);

    private static StartTlsEvidence Evidence(string ip, string mx, SmtpConnectState state = SmtpConnectState.Greeted, bool offered = true, bool tls12 = true) => new(
        ip, 25, mx, Now, state, state == SmtpConnectState.Greeted ? 220 : 421, "hello", offered,
        offered ? new StartTlsHandshake(true, "TLS 1.3", "TLS_AES_256_GCM_SHA384", null) : null,
        [Convert.ToBase64String(Certificate(mx))], "standard session", new ChainTrust(true, "test", []),
        offered ? Tls(tls12 ? [TlsVersion.Tls13, TlsVersion.Tls12] : [TlsVersion.Tls13]) : null, 11, 100);

    private static byte[] Certificate(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256).CreateSelfSigned(Now.AddDays(-1), Now.AddDays(30));
        return certificate.RawData;
    }

    private static CategoryResult Judge(params StartTlsEvidence[] servers)
    {
        var names = servers.GroupBy(s => s.ServerName!).ToList();
        var evidence = new MailServerEvidence("example.nl", "NOERROR", false,
            [.. names.Select((mx, i) => new HostAddresses(mx.Key, 10 + i, [.. mx.Select(s => s.Address)], [], "NOERROR", "NOERROR"))], "NOERROR", "example.nl", []);
        var results = new ProbeResultSet();
        foreach (var server in servers)
            results.Add(ProbeResult.Completed(new ProbeKey(StartTlsProbe.Name, server.Address), server, TimeSpan.Zero));
        foreach (var mx in names)
        {
            results.Add(ProbeResult.Completed(new ProbeKey(CaaProbe.Name, mx.Key), new CaaEvidence(mx.Key, null, "NOERROR", []), TimeSpan.Zero));
            results.Add(ProbeResult.Completed(new ProbeKey(TlsaProbe.Name, mx.Key), new TlsaEvidence(mx.Key, $"_25._tcp.{mx.Key}", "NXDOMAIN", DnssecStatus.Secure, [], null), TimeSpan.Zero));
        }
        return new StartTlsCheck().Judge(evidence, results);
    }

    [Fact]
    public void A_good_server_without_dane_scores_twelve_of_thirteen()
    {
        var category = Judge(Evidence("192.0.2.1", "mx1.example.nl"));
        Assert.Equal(92, category.Score.Percentage); // 120 of 130: DANE existence fails, validity does not weigh
        Assert.Equal((1, 1), (category.Score.ScoredServers, category.Score.Servers));
    }

    [Fact]
    public void A_server_without_starttls_scores_nothing_and_drags_the_minimum_down()
    {
        var category = Judge(Evidence("192.0.2.1", "mx1.example.nl"), Evidence("192.0.2.2", "mx2.example.nl", offered: false));
        Assert.Equal(0, category.Score.Percentage);
    }

    [Fact]
    public void A_server_that_could_not_be_tested_is_left_out()
    {
        var category = Judge(Evidence("192.0.2.1", "mx1.example.nl"), Evidence("192.0.2.2", "mx2.example.nl", SmtpConnectState.TemporarilyRejected, offered: false));
        Assert.Equal(TestStatus.NotTestable, category.Status);
        Assert.NotEmpty(category.StatusNote);
        Assert.Equal(92, category.Score.Percentage);
        Assert.Equal("score over 1 of 2 mail servers", category.Score.Note);
    }

    [Fact]
    public void No_server_testable_means_no_score()
    {
        var category = Judge(Evidence("192.0.2.2", "mx2.example.nl", SmtpConnectState.TemporarilyRejected, offered: false));
        Assert.Null(category.Score.Percentage);
    }

    [Fact]
    public void Extended_master_secret_weighs_only_with_tls12_and_costs_a_server_without_it_nothing()
    {
        var only13 = Judge(Evidence("192.0.2.1", "mx1.example.nl", tls12: false));
        Assert.Equal(SubtestLevel.Info, only13.Tests.Single(t => t.Id == StartTlsSubtestIds.ExtendedMasterSecret).Level);
        Assert.Equal(91, only13.Score.Percentage); // 110 of 120
        var mixed = Judge(Evidence("192.0.2.1", "mx1.example.nl"), Evidence("192.0.2.2", "mx2.example.nl", tls12: false));
        Assert.Equal(SubtestLevel.Mandatory, mixed.Tests.Single(t => t.Id == StartTlsSubtestIds.ExtendedMasterSecret).Level);
        Assert.Equal(92, mixed.Score.Percentage);
    }

    [Fact]
    public void A_mail_server_whose_tls12_address_lacks_ems_loses_the_points_even_if_its_other_address_has_only_tls13()
    {
        var withoutEms = Evidence("192.0.2.1", "mx1.example.nl") with { Tls = Tls([TlsVersion.Tls13, TlsVersion.Tls12]) with { ExtendedMasterSecret = false } };
        var category = Judge(withoutEms, Evidence("192.0.2.2", "mx1.example.nl", tls12: false));
        Assert.Equal(84, category.Score.Percentage); // 110 of 130
    }

    [Fact]
    public void Without_mail_servers_the_category_has_no_score_and_shows_information()
    {
        var category = new StartTlsCheck().Judge(new MailServerEvidence("example.nl", "NOERROR", true, [], "NOERROR", "example.nl", []), new ProbeResultSet());
        Assert.Equal(TestStatus.Info, category.Status);
        Assert.Null(category.Score.Percentage);
    }
}
