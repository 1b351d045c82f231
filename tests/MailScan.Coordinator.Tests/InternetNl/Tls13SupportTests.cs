using Google.Protobuf.WellKnownTypes;
using MailScan.Coordinator.InternetNl;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Coordinator.Tests.InternetNl;

/// <summary>tls_1_3_support from the STARTTLS probes' evidence, as Internet.nl words it.</summary>
public sealed class Tls13SupportTests
{
    [Fact]
    public void Every_address_accepting_tls_1_3_is_yes() =>
        Assert.Equal("yes", Tls13Support.Of(Report(Probe(versions: ["TLS13", "TLS12"]), Probe(versions: ["TLS13"]))));

    [Fact]
    public void One_address_without_tls_1_3_is_no() =>
        Assert.Equal("no", Tls13Support.Of(Report(Probe(versions: ["TLS13"]), Probe(versions: ["TLS12"]))));

    [Fact]
    public void An_address_without_starttls_is_no() =>
        Assert.Equal("no", Tls13Support.Of(Report(Probe(established: false, versions: []))));

    [Fact]
    public void No_mail_server_is_no() =>
        Assert.Equal("no", Tls13Support.Of(Report()));

    [Fact]
    public void An_address_that_could_not_be_reached_makes_it_undetermined()
    {
        Assert.Equal("undetermined", Tls13Support.Of(Report(Probe(versions: ["TLS12"]), Probe(reached: false, versions: []))));
        Assert.Equal("undetermined", Tls13Support.Of(Report(Probe(versions: ["TLS13"]), Probe(versions: ["TLS13"], outcome: "TIMEOUT"))));
    }

    [Fact]
    public void A_domain_that_takes_no_mail_is_no() =>
        Assert.Equal("no", Tls13Support.Of(CapturedReports.Of("nullmx.test")));

    private static V1.DomainReport Report(params V1.ProbeRecord[] probes)
    {
        var report = new V1.DomainReport { Domain = "example.test" };
        report.Probes.Add(new V1.ProbeRecord { Kind = "dns.servers", Target = "example.test", Outcome = "COMPLETED" });
        report.Probes.AddRange(probes);
        return report;
    }

    private static V1.ProbeRecord Probe(string[] versions, bool reached = true, bool established = true, string outcome = "COMPLETED")
    {
        var tls = new Struct();
        tls.Fields["versions"] = Value.ForList(versions.Select(Value.ForString).ToArray());
        var evidence = new Struct();
        evidence.Fields["reached"] = Value.ForBool(reached);
        evidence.Fields["tlsEstablished"] = Value.ForBool(established);
        evidence.Fields["tls"] = Value.ForStruct(tls);
        return new V1.ProbeRecord { Kind = "smtp.tls", Target = "192.0.2.25", Outcome = outcome, Evidence = evidence };
    }
}
