using Google.Protobuf.WellKnownTypes;
using MailScan.Coordinator.Reports;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Coordinator.Tests.Reports;

/// <summary>A report stays within its size cap: the largest probe evidence goes first, the verdicts stay.</summary>
public sealed class EvidenceCapTests
{
    private static V1.ProbeRecord Probe(string kind, int bytes) => new()
    {
        Kind = kind,
        Target = "192.0.2.25",
        Outcome = "COMPLETED",
        Evidence = new Struct { Fields = { ["transcript"] = Value.ForString(new string('x', bytes)) } },
    };

    [Fact]
    public void A_report_over_the_cap_loses_its_largest_evidence_first_and_keeps_its_verdicts()
    {
        var report = new V1.DomainReport { Domain = "example.nl" };
        report.Categories.Add(new V1.CategoryResult { Id = "mail_starttls", Status = V1.Status.Passed });
        report.Probes.Add(Probe("smtp", 300_000));
        report.Probes.Add(Probe("starttls", 900_000));
        report.Probes.Add(Probe("dns.servers", 2_000));

        var capped = ReportMapper.CapEvidence(report, 1 << 20);

        Assert.True(capped.CalculateSize() <= 1 << 20);
        Assert.Contains("left out", capped.Probes[1].Evidence.Fields["omitted"].StringValue);
        Assert.Equal(300_000, capped.Probes[0].Evidence.Fields["transcript"].StringValue.Length);
        Assert.Equal(2_000, capped.Probes[2].Evidence.Fields["transcript"].StringValue.Length);
        Assert.Equal(V1.Status.Passed, Assert.Single(capped.Categories).Status);
    }

    [Fact]
    public void A_report_whose_verdict_details_alone_pass_the_cap_loses_all_evidence_and_ends()
    {
        var report = new V1.DomainReport { Domain = "example.nl" };
        var category = new V1.CategoryResult { Id = "mail_ipv6", Status = V1.Status.Passed };
        category.Tests.Add(new V1.SubtestResult { Id = "mail_ipv6_mx_address", Details = new Struct { Fields = { ["hosts"] = Value.ForString(new string('h', 200_000)) } } });
        report.Categories.Add(category);
        report.Probes.Add(Probe("dns.servers", 50_000));
        report.Probes.Add(Probe("smtp", 40_000));

        var capped = ReportMapper.CapEvidence(report, 100_000);

        Assert.All(capped.Probes, p => Assert.True(p.Evidence.Fields.ContainsKey("omitted")));
        Assert.Equal(200_000, capped.Categories[0].Tests[0].Details.Fields["hosts"].StringValue.Length);
    }

    [Fact]
    public void A_report_within_the_cap_is_left_as_it_is()
    {
        var report = new V1.DomainReport { Domain = "example.nl" };
        report.Probes.Add(Probe("smtp", 10_000));
        var before = report.Clone();

        Assert.Equal(before, ReportMapper.CapEvidence(report, 1 << 20));
    }
}
