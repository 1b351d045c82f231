using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using MailScan.Coordinator.CompactResults;
using MailScan.Tests.Shared;

using V1 = MailScan.Contracts.V1;

namespace MailScan.Coordinator.Tests.CompactResults;

public sealed class CompactReportsTests
{
    [Fact]
    public void A_compact_report_resolved_from_its_host_evidence_equals_the_full_report()
    {
        foreach (var full in CapturedReports.All.Select(WithEvidence))
        {
            var compact = full.Clone();
            var evidence = CompactReports.Extract(compact).ToDictionary(e => e.Ref, e => e.Evidence);
            Assert.NotEqual(full, compact);
            Assert.DoesNotContain(compact.Probes, p => p.EvidenceRef.Length > 0 && p.Evidence is not null);

            // What is stored is bytes: the compact report and the evidence go through them on their way back.
            var stored = V1.DomainReport.Parser.ParseFrom(ResultCompression.Decompress(ResultCompression.Compress(compact.ToByteArray())));
            var missing = CompactReports.Resolve(stored, r => evidence.TryGetValue(r, out var e) ? Struct.Parser.ParseFrom(e.ToByteArray()) : null);

            Assert.Empty(missing);
            Assert.Equal(full, stored);
        }
    }

    [Fact]
    public void Only_host_probes_give_up_their_evidence_and_the_domains_own_probes_keep_it()
    {
        var report = WithEvidence(CapturedReports.All[0]);
        var compact = report.Clone();
        var taken = CompactReports.Extract(compact);

        Assert.NotEmpty(taken);
        Assert.All(compact.Probes.Where(p => p.Kind is "smtp" or "smtp.tls" or "ns.reach" or "rpki.origin"), p =>
        {
            Assert.Null(p.Evidence);
            Assert.StartsWith($"{p.Kind} {p.Target} ", p.EvidenceRef, StringComparison.Ordinal);
        });
        Assert.All(compact.Probes.Where(p => p.Kind == "dns.servers"), p =>
        {
            Assert.NotNull(p.Evidence);
            Assert.Equal("", p.EvidenceRef);
        });
    }

    [Fact]
    public void The_same_evidence_of_a_host_has_one_reference_and_other_evidence_of_it_another()
    {
        var first = HostEvidenceRef.Of("smtp.tls", "192.0.2.25", Evidence("{\"starttls\": true}"));
        var again = HostEvidenceRef.Of("smtp.tls", "192.0.2.25", Evidence("{\"starttls\": true}"));
        var changed = HostEvidenceRef.Of("smtp.tls", "192.0.2.25", Evidence("{\"starttls\": false}"));
        var otherHost = HostEvidenceRef.Of("smtp.tls", "192.0.2.26", Evidence("{\"starttls\": true}"));

        Assert.Equal(first, again);
        Assert.NotEqual(first, changed);
        Assert.NotEqual(first, otherHost);
    }

    [Fact]
    public void A_reference_the_store_lacks_is_named_and_its_probe_keeps_the_reference()
    {
        var compact = WithEvidence(CapturedReports.All[0]);
        CompactReports.Extract(compact);

        var missing = CompactReports.Resolve(compact, _ => null);

        Assert.Equal(compact.Probes.Count(p => p.EvidenceRef.Length > 0), missing.Count);
        Assert.NotEmpty(missing);
    }

    /// <summary>The captured reports leave the evidence out (Captured/README.md): each probe gets evidence of its own, the hosts' alike across reports as in a batch.</summary>
    private static V1.DomainReport WithEvidence(V1.DomainReport captured)
    {
        var report = captured.Clone();
        foreach (var probe in report.Probes)
            probe.Evidence = Evidence($"{{\"kind\": \"{probe.Kind}\", \"target\": \"{probe.Target}\", \"accepted\": [\"TLS 1.3\", \"TLS 1.2\"], \"connections\": 3}}");
        return report;
    }

    private static Struct Evidence(string json) => JsonParser.Default.Parse<Struct>(json);
}
