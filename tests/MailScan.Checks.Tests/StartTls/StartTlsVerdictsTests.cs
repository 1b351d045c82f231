using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailScan.Checks.Discovery;
using MailScan.Checks.Dnssec;
using MailScan.Checks.Scanning;
using MailScan.Checks.Smtp;
using MailScan.Checks.StartTls;
using MailScan.Checks.StartTls.Dane;
using MailScan.Checks.Verdicts;
using MailScan.Dns.Dnssec;
using MailScan.Tls;
using MailScan.Tls.Enumeration;

namespace MailScan.Checks.Tests.StartTls;

public sealed class StartTlsVerdictsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static MailServerEvidence Servers(params string[] ips) =>
        new("example.nl", "NOERROR", false, [new HostAddresses("mx.example.nl", 10, ips, [], "NOERROR", "NOERROR")], "NOERROR", "example.nl", []);

    private static TlsEvaluation Tls(IReadOnlyList<TlsVersion>? versions = null, IReadOnlyList<AcceptedSuite>? suites = null) => new(
        "Verdict", 10, true, versions ?? [TlsVersion.Tls13, TlsVersion.Tls12], [TlsVersion.Tls11, TlsVersion.Tls10, TlsVersion.Ssl30],
        suites ?? [new(TlsVersion.Tls13, 0x1302, "TLS_AES_256_GCM_SHA384", TlsClass.Good), new(TlsVersion.Tls12, 0xC02C, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", TlsClass.Sufficient)],
        new CipherOrderResult(TlsVersion.Tls12, true, true, true, "a", "a"),
        [new AcceptedGroup("x25519", 29, null, "TLS 1.3", TlsClass.Good)],
        new KeyExchangeHashResult(true, false, false, []), false, true, true, [], []);

    private static StartTlsEvidence Evidence(SmtpConnectState state = SmtpConnectState.Greeted, bool offered = true, TlsEvaluation? tls = null, IReadOnlyList<byte[]>? chain = null) => new(
        "192.0.2.25", 25, "mx.example.nl", Now, state, state == SmtpConnectState.Greeted ? 220 : 421, "hello", offered,
        offered ? new StartTlsHandshake(true, "TLS 1.3", "TLS_AES_256_GCM_SHA384", null) : null,
        (chain ?? []).Select(Convert.ToBase64String).ToList(), "standard session", new ChainTrust(true, "test", []),
        offered ? tls ?? Tls() : null, 11, 100);

    private static IReadOnlyList<SubtestResult> Judge(StartTlsEvidence evidence, TlsaEvidence? tlsa = null)
    {
        var results = new ProbeResultSet();
        results.Add(ProbeResult.Completed(new ProbeKey(StartTlsProbe.Name, "192.0.2.25"), evidence, TimeSpan.Zero));
        if (tlsa is not null)
            results.Add(ProbeResult.Completed(new ProbeKey(TlsaProbe.Name, "mx.example.nl"), tlsa, TimeSpan.Zero));
        return new StartTlsCheck().Judge(Servers("192.0.2.25"), results).Tests;
    }

    private static TestStatus Status(IReadOnlyList<SubtestResult> tests, string id) => tests.Single(t => t.Id == id).Status;

    [Fact]
    public void A_server_without_starttls_fails_availability_and_leaves_the_rest_untested()
    {
        var tests = Judge(Evidence(offered: false));
        Assert.Equal(TestStatus.Failed, Status(tests, StartTlsSubtestIds.Available));
        Assert.Equal(TestStatus.NotTested, Status(tests, StartTlsSubtestIds.Version));
    }

    [Fact]
    public void A_421_greeting_is_not_testable_never_failed()
    {
        var tests = Judge(Evidence(SmtpConnectState.TemporarilyRejected));
        Assert.All(tests.Where(t => t.Id != StartTlsSubtestIds.DaneExist && t.Id != StartTlsSubtestIds.Caa && t.Id != StartTlsSubtestIds.DaneRollover),
            t => Assert.Contains(t.Status, new[] { TestStatus.NotTestable, TestStatus.Passed }));
        Assert.Equal(TestStatus.NotTestable, Status(tests, StartTlsSubtestIds.Available));
    }

    [Fact]
    public void Tls10_accepted_fails_the_version_test()
    {
        var tests = Judge(Evidence(tls: Tls([TlsVersion.Tls12, TlsVersion.Tls10])));
        Assert.Equal(TestStatus.Failed, Status(tests, StartTlsSubtestIds.Version));
    }

    [Fact]
    public void A_phase_out_suite_is_a_warning()
    {
        var suites = new List<AcceptedSuite> { new(TlsVersion.Tls12, 0xC023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", TlsClass.PhaseOut) };
        var tests = Judge(Evidence(tls: Tls(suites: suites)));
        Assert.Equal(TestStatus.Warning, Status(tests, StartTlsSubtestIds.Ciphers));
    }

    [Fact]
    public void An_ephemeral_suite_with_tls10_is_signed_with_sha1_whatever_tls12_does()
    {
        var suites = new List<AcceptedSuite> { new(TlsVersion.Tls10, 0xC013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", TlsClass.Insufficient) };
        var tests = Judge(Evidence(tls: Tls([TlsVersion.Tls12, TlsVersion.Tls10], suites)));
        Assert.Equal(TestStatus.Failed, Status(tests, StartTlsSubtestIds.KeyExchangeHash));
    }

    [Fact]
    public void Following_the_client_order_fails_the_order_test_when_a_suite_to_phase_out_is_accepted()
    {
        AcceptedSuite[] suites =
        [
            new(TlsVersion.Tls12, 0xC02C, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", TlsClass.Sufficient),
            new(TlsVersion.Tls12, 0xC023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", TlsClass.PhaseOut),
        ];
        var evidence = Evidence(tls: Tls(suites: suites) with { CipherOrder = new CipherOrderResult(TlsVersion.Tls12, true, false, false, "weak", "strong") });
        Assert.Equal(TestStatus.Failed, Status(Judge(evidence), StartTlsSubtestIds.CipherOrder));
    }

    [Fact]
    public void Following_the_client_order_passes_when_only_good_or_sufficient_suites_are_accepted()
    {
        var evidence = Evidence(tls: Tls() with { CipherOrder = new CipherOrderResult(TlsVersion.Tls12, true, false, false, "weak", "strong") });
        Assert.Equal(TestStatus.Passed, Status(Judge(evidence), StartTlsSubtestIds.CipherOrder));
    }

    [Fact]
    public void A_tls13_only_server_passes_order_and_renegotiation_as_not_applicable()
    {
        var evidence = Evidence(tls: Tls([TlsVersion.Tls13], [new(TlsVersion.Tls13, 0x1302, "TLS_AES_256_GCM_SHA384", TlsClass.Good)]) with { CipherOrder = null, SecureRenegotiation = null, ExtendedMasterSecret = null });
        var tests = Judge(evidence);
        Assert.Equal(TestStatus.Passed, Status(tests, StartTlsSubtestIds.CipherOrder));
        Assert.Equal(TestStatus.Passed, Status(tests, StartTlsSubtestIds.ClientRenegotiation));
        Assert.Equal(TestStatus.NotTested, Status(tests, StartTlsSubtestIds.ExtendedMasterSecret));
    }

    [Fact]
    public void Dane_ee_record_matching_the_leaf_passes_and_another_key_fails()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=mx.example.nl", key, HashAlgorithmName.SHA256);
        using var leaf = request.CreateSelfSigned(Now.AddDays(-1), Now.AddDays(30));
        var spkiHash = Convert.ToHexStringLower(SHA256.HashData(leaf.PublicKey.ExportSubjectPublicKeyInfo()));
        var evidence = Evidence(chain: [leaf.RawData]);

        var match = new TlsaEvidence("mx.example.nl", "_25._tcp.mx.example.nl", "NOERROR", DnssecStatus.Secure, [new(3, 1, 1, spkiHash)], null);
        Assert.Equal(TestStatus.Passed, Status(Judge(evidence, match), StartTlsSubtestIds.DaneValid));
        Assert.Equal(TestStatus.Info, Status(Judge(evidence, match), StartTlsSubtestIds.DaneRollover));

        var other = match with { Records = [new(3, 1, 1, new string('a', 64))] };
        Assert.Equal(TestStatus.Failed, Status(Judge(evidence, other), StartTlsSubtestIds.DaneValid));

        var rollover = match with { Records = [new(3, 1, 1, spkiHash), new(3, 1, 1, new string('a', 64))] };
        Assert.Equal(TestStatus.Passed, Status(Judge(evidence, rollover), StartTlsSubtestIds.DaneRollover));
    }

    [Fact]
    public void Tlsa_in_an_insecure_zone_does_not_count()
    {
        var tlsa = new TlsaEvidence("mx.example.nl", "_25._tcp.mx.example.nl", "NOERROR", DnssecStatus.Insecure, [new(3, 1, 1, new string('a', 64))], null);
        var tests = Judge(Evidence(), tlsa);
        Assert.Equal(TestStatus.Failed, Status(tests, StartTlsSubtestIds.DaneExist));
        Assert.Equal(TestStatus.NotTested, Status(tests, StartTlsSubtestIds.DaneValid));
    }

    [Fact]
    public void Usage_1_records_are_unusable_for_smtp()
    {
        var tlsa = new TlsaEvidence("mx.example.nl", "_25._tcp.mx.example.nl", "NOERROR", DnssecStatus.Secure, [new(1, 1, 1, new string('a', 64))], null);
        Assert.Equal(TestStatus.Failed, Status(Judge(Evidence(), tlsa), StartTlsSubtestIds.DaneExist));
    }

    [Fact]
    public void Certificate_name_mismatch_is_information_only_without_dane_ta()
    {
        using var key = RSA.Create(2048);
        using var leaf = new CertificateRequest("CN=other.example", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(Now.AddDays(-1), Now.AddDays(30));
        var tests = Judge(Evidence(chain: [leaf.RawData]));
        var domain = tests.Single(t => t.Id == StartTlsSubtestIds.CertDomain);
        Assert.Equal(TestStatus.Info, domain.Status);
        Assert.Equal(SubtestLevel.Info, domain.Level);
        Assert.Equal(TestStatus.Warning, Status(tests, StartTlsSubtestIds.CertPublicKey));
    }

    [Fact]
    public void A_strict_server_stopped_by_its_budget_names_exactly_the_sub_tests_it_left_not_testable()
    {
        var spent = "the strict server's time budget (60 s) ran out after 9 connections (2 put off with a 4xx or a refused connection)";
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = new CertificateRequest("CN=mx.example.nl", key, HashAlgorithmName.SHA256).CreateSelfSigned(Now.AddDays(-1), Now.AddDays(30));
        var evidence = Evidence(tls: Tls() with { ClientRenegotiation = new(null, spent) }, chain: [leaf.RawData]) with
        {
            PutOffs = 2,
            StoppedBecause = spent,
            StrictNote = new StrictServerNote(2, 0.1, 5, 9, 60, 60),
        };
        var results = new ProbeResultSet();
        results.Add(ProbeResult.Completed(new ProbeKey(StartTlsProbe.Name, "192.0.2.25"), evidence, TimeSpan.Zero));

        var strict = Assert.Single(new StartTlsCheck().Judge(Servers("192.0.2.25"), results).StrictServers);

        Assert.Equal(("mx.example.nl", "192.0.2.25"), (strict.Mx, strict.Address));
        Assert.Equal("2 connections put off with a 4xx or refused, connections spaced 5.0 s apart as it taught", strict.Why);
        Assert.Equal((9, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60)), (strict.Connections, strict.Took, strict.Budget));
        Assert.Equal([StartTlsSubtestIds.ClientRenegotiation], strict.NotTestable);
        Assert.Equal(spent, strict.StoppedBecause);
    }

    [Fact]
    public void A_strict_server_measured_completely_leaves_nothing_not_testable_and_an_ordinary_one_is_not_listed()
    {
        var strict = Evidence() with { PutOffs = 1, StrictNote = new StrictServerNote(1, 0.1, 0, 12, 25, 600) };
        var results = new ProbeResultSet();
        results.Add(ProbeResult.Completed(new ProbeKey(StartTlsProbe.Name, "192.0.2.25"), strict, TimeSpan.Zero));
        results.Add(ProbeResult.Completed(new ProbeKey(StartTlsProbe.Name, "192.0.2.26"), Evidence() with { Address = "192.0.2.26" }, TimeSpan.Zero));

        var listed = Assert.Single(new StartTlsCheck().Judge(Servers("192.0.2.25", "192.0.2.26"), results).StrictServers);

        Assert.Equal("192.0.2.25", listed.Address);
        Assert.Equal("1 connection put off with a 4xx or refused", listed.Why);
        Assert.Empty(listed.NotTestable);
        Assert.Null(listed.StoppedBecause);
    }

    [Fact]
    public void A_shared_result_parses_its_evidence_and_certificates_once_and_a_copy_with_other_ones_reads_them()
    {
        using var key = RSA.Create(2048);
        using var first = new CertificateRequest("CN=first.example", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(Now.AddDays(-1), Now.AddDays(30));
        using var second = new CertificateRequest("CN=second.example", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(Now.AddDays(-1), Now.AddDays(30));
        var result = ProbeResult.Completed(new ProbeKey(StartTlsProbe.Name, "192.0.2.25"), Evidence(chain: [first.RawData]), TimeSpan.Zero);
        var other = ProbeResult.Completed(new ProbeKey(StartTlsProbe.Name, "192.0.2.25"), Evidence(chain: [second.RawData]), TimeSpan.Zero);

        var evidence = result.EvidenceAs<StartTlsEvidence>()!;
        var copy = result with { Evidence = other.Evidence };
        var recopied = evidence with { Chain = [Convert.ToBase64String(second.RawData)] };

        Assert.Same(evidence, result.EvidenceAs<StartTlsEvidence>());
        Assert.Same(evidence.ChainFacts(), evidence.ChainFacts());
        Assert.Equal("CN=first.example", evidence.ChainFacts()[0]!.Subject);
        Assert.Equal("CN=second.example", copy.EvidenceAs<StartTlsEvidence>()!.ChainFacts()[0]!.Subject);
        Assert.Equal("CN=second.example", recopied.ChainFacts()[0]!.Subject);
        Assert.Equal(result, result with { Evidence = result.Evidence });
        Assert.NotEqual(result, copy);
    }
}
