using System.Collections.Concurrent;
using System.Net;
using DnsClient;
using DnsClient.Protocol;
using MailScan.Checks.Discovery;
using MailScan.Checks.Dnssec;
using MailScan.Checks.Scanning;
using MailScan.Dns;
using MailScan.Dns.Dnssec;

namespace MailScan.Checks.Tests.Dnssec;

/// <summary>The sender's questions: which ones each probe asks, each once, and how an answer becomes evidence.</summary>
public sealed class DnssecSenderProbesTests
{
    [Fact]
    public async Task The_mail_domain_probe_asks_only_the_MX_question()
    {
        var validator = new CountingValidator();
        await new DnssecMailtoProbe(validator).RunAsync(new ProbeRequest(new ProbeKey(DnssecMailtoProbe.Name, "example.nl")), CancellationToken.None);
        Assert.Equal([("example.nl", QueryType.MX)], validator.Asked.Keys);
        Assert.All(validator.Asked.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task The_mx_name_probe_asks_A_AAAA_and_the_port_25_TLSA_once_each()
    {
        var validator = new CountingValidator();
        var result = await new DnssecMxHostProbe(validator).RunAsync(new ProbeRequest(new ProbeKey(DnssecMxHostProbe.Name, "mx.example.nl.")), CancellationToken.None);
        Assert.Equal(
            new[] { ("_25._tcp.mx.example.nl", QueryType.TLSA), ("mx.example.nl", QueryType.A), ("mx.example.nl", QueryType.AAAA) }.OrderBy(q => q.ToString()),
            validator.Asked.Keys.OrderBy(q => q.ToString()));
        Assert.All(validator.Asked.Values, count => Assert.Equal(1, count));
        var evidence = result.EvidenceAs<DnssecSenderEvidence>()!;
        Assert.Equal(["mx.example.nl A", "mx.example.nl AAAA", "_25._tcp.mx.example.nl TLSA"], evidence.Answers.Select(a => a.Query));
    }

    [Fact]
    public void An_mx_name_listed_twice_is_planned_once()
    {
        var mx = new HostAddresses("mx.example.nl", 10, ["192.0.2.25"], [], "NOERROR", "NOERROR");
        var servers = new MailServerEvidence("example.nl", "NOERROR", false, [mx, mx with { Preference = 20 }], "NOERROR", "example.nl", []);
        var plan = new DnssecCheck().Plan(servers);
        Assert.Single(plan, p => p.Key.Kind == DnssecMxHostProbe.Name);
        Assert.Single(plan, p => p.Key.Kind == DnssecMailtoProbe.Name);
    }

    [Theory]
    [InlineData("NXDOMAIN", false, true)]
    [InlineData("NOERROR", false, true)]
    [InlineData("NOERROR", true, false)]
    public void An_answer_without_a_record_of_its_type_is_a_denial(string rcode, bool withRecord, bool denial)
    {
        IReadOnlyList<DnsResourceRecord> records = withRecord
            ? [new ARecord(new ResourceRecordInfo(DnsString.Parse("mx.example.nl."), ResourceRecordType.A, QueryClass.IN, 300, 4), IPAddress.Parse("192.0.2.25"))]
            : [];
        var answer = new DnsAnswer("mx.example.nl", QueryType.A, DnsOutcome.Answered, rcode, records, [], false, "test", TimeSpan.Zero);
        var evidence = DnssecAnswer.Of("mx.example.nl", QueryType.A, new ValidatedAnswer(answer, DnssecStatus.Secure));
        Assert.Equal(denial, evidence.Denial);
        Assert.True(evidence.IsAddress);
        Assert.False(evidence.IsTlsa);
    }

    private sealed class CountingValidator : IValidatingResolver
    {
        public ConcurrentDictionary<(string Name, QueryType Type), int> Asked { get; } = new();

        public Task<ValidatedAnswer> QueryAsync(string name, QueryType type, CancellationToken cancellationToken)
        {
            Asked.AddOrUpdate((name, type), 1, (_, n) => n + 1);
            var answer = new DnsAnswer(name, type, DnsOutcome.Answered, "NOERROR", [], [], false, "test", TimeSpan.Zero);
            return Task.FromResult(new ValidatedAnswer(answer, DnssecStatus.Secure));
        }
    }
}
