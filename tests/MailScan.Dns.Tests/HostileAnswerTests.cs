using DnsClient;
using MailScan.Dns;
using MailScan.Dns.Dnssec;
using MailScan.Dns.Wire;
using MailScan.Tests.Shared;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MailScan.Dns.Tests;

/// <summary>Hostile or broken answers, served by a real socket, end indeterminate or bogus with a reason, never with an exception.</summary>
public sealed class HostileAnswerTests
{
    [Fact]
    public async Task A_truncated_answer_is_indeterminate_invalid_data()
    {
        var result = await ValidateAsync((query, _) =>
        {
            var full = CraftedAnswer.Respond(query, 0x0180, [CraftedAnswer.Record(CraftedAnswer.ToQuestionName, DnsRecordType.A, [192, 0, 2, 1])]);
            return full[..^3];
        });
        Assert.Equal(DnssecStatus.Indeterminate, result.Status);
        Assert.StartsWith("InvalidData", result.Reason);
        Assert.Contains("runs past the end", result.Reason);
    }

    [Fact]
    public async Task An_answer_with_the_wrong_id_is_ignored_and_times_out()
    {
        var result = await ValidateAsync((query, _) =>
            CraftedAnswer.Respond(query, 0x0180, [CraftedAnswer.Record(CraftedAnswer.ToQuestionName, DnsRecordType.A, [192, 0, 2, 1])], idOffset: 1));
        Assert.Equal(DnssecStatus.Indeterminate, result.Status);
        Assert.Equal(DnsOutcome.Timeout, result.Answer.Outcome);
        Assert.Contains("wrong id", result.Reason);
    }

    [Fact]
    public async Task A_compression_loop_is_indeterminate_invalid_data()
    {
        // The answer's owner is a pointer to itself (offset of the record = header + question).
        var result = await ValidateAsync((query, _) =>
        {
            var (_, next, _) = DnsWireReader.ReadName(query, 12);
            var self = next + 4;
            return CraftedAnswer.Respond(query, 0x0180, [CraftedAnswer.Record([(byte)(0xC0 | (self >> 8)), (byte)self], DnsRecordType.A, [192, 0, 2, 1])]);
        });
        Assert.Equal(DnssecStatus.Indeterminate, result.Status);
        Assert.Contains("loop", result.Reason);
    }

    [Fact]
    public async Task Sixty_four_kilobytes_of_records_over_tcp_end_bogus_with_a_reason()
    {
        var result = await ValidateAsync((query, tcp) =>
        {
            if (!tcp)
                return CraftedAnswer.Respond(query, 0x0380, []); // TC: come back over TCP
            var records = Enumerable.Range(0, 4000).Select(i => CraftedAnswer.Record(CraftedAnswer.ToQuestionName, DnsRecordType.A, [10, 0, (byte)(i >> 8), (byte)i])).ToList();
            var message = CraftedAnswer.Respond(query, 0x0180, records);
            while (message.Length > 65535)
            {
                records.RemoveAt(records.Count - 1);
                message = CraftedAnswer.Respond(query, 0x0180, records);
            }
            return message;
        });
        Assert.Equal(DnsOutcome.Answered, result.Answer.Outcome);
        Assert.True(result.Answer.Answers.Count > 3000);
        Assert.Equal(DnssecStatus.Bogus, result.Status);
        Assert.StartsWith("DNSKEYMissing: zone .", result.Reason);
    }

    [Fact]
    public async Task A_cname_loop_is_indeterminate_and_named()
    {
        var result = await ValidateAsync((query, _) => CraftedAnswer.Respond(query, 0x0180,
        [
            CraftedAnswer.Record(CraftedAnswer.Name("a.loop.example"), DnsRecordType.CNAME, CraftedAnswer.Name("b.loop.example")),
            CraftedAnswer.Record(CraftedAnswer.Name("b.loop.example"), DnsRecordType.CNAME, CraftedAnswer.Name("a.loop.example")),
        ]), "a.loop.example");
        Assert.Equal(DnssecStatus.Indeterminate, result.Status);
        Assert.Contains("CNAME loop: a.loop.example -> b.loop.example -> a.loop.example", result.Reason);
    }

    [Fact]
    public async Task A_dname_loop_is_indeterminate_and_named()
    {
        // Two DNAMEs rewrite into each other: x.a.loop.example -> x.b.loop.example -> x.a.loop.example.
        var result = await ValidateAsync((query, _) => CraftedAnswer.Respond(query, 0x0180,
        [
            CraftedAnswer.Record(CraftedAnswer.Name("a.loop.example"), DnsRecordType.DNAME, CraftedAnswer.Name("b.loop.example")),
            CraftedAnswer.Record(CraftedAnswer.Name("b.loop.example"), DnsRecordType.DNAME, CraftedAnswer.Name("a.loop.example")),
        ]), "x.a.loop.example");
        Assert.Equal(DnssecStatus.Indeterminate, result.Status);
        Assert.Contains("DNAME loop: x.a.loop.example -> x.b.loop.example -> x.a.loop.example", result.Reason);
    }

    [Fact]
    public async Task A_dname_rewriting_to_a_name_over_255_octets_is_indeterminate_invalid_data()
    {
        var label = new string('a', 63);
        var longTarget = $"{label}.{label}.{label}.example";
        var result = await ValidateAsync((query, _) => CraftedAnswer.Respond(query, 0x0180,
        [
            CraftedAnswer.Record(CraftedAnswer.Name("d.example"), DnsRecordType.DNAME, CraftedAnswer.Name(longTarget)),
        ]), $"{label}.{label}.d.example");
        Assert.Equal(DnssecStatus.Indeterminate, result.Status);
        Assert.StartsWith("InvalidData", result.Reason);
        Assert.Contains("the DNAME at d.example rewrites", result.Reason);
    }

    [Fact]
    public async Task An_rrsig_of_garbage_length_is_indeterminate_invalid_data()
    {
        var result = await ValidateAsync((query, _) => CraftedAnswer.Respond(query, 0x0180,
        [
            CraftedAnswer.Record(CraftedAnswer.ToQuestionName, DnsRecordType.A, [192, 0, 2, 1]),
            CraftedAnswer.Record(CraftedAnswer.ToQuestionName, DnsRecordType.RRSIG, [0, 1, 13, 2, 0]),
        ]));
        Assert.Equal(DnssecStatus.Indeterminate, result.Status);
        Assert.Contains("RRSIG RDATA of 5 octets is too short", result.Reason);
    }

    private static async Task<ValidatedAnswer> ValidateAsync(Func<byte[], bool, byte[]?> handler, string name = "www.hostile.example")
    {
        await using var server = new HostileDnsServer(handler);
        var options = new DnsOptions();
        options.Resolvers = [$"{server.EndPoint.Address}:{server.EndPoint.Port}"];
        // Generous: the machine may be busy; only the wrong-id case waits the whole timeout.
        options.QueryTimeout = TimeSpan.FromSeconds(3);
        options.Retries = 0;
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        var cache = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider().GetRequiredService<HybridCache>();
        var client = new DnsWireClient(wrapped, NullLogger<DnsWireClient>.Instance);
        var dns = new DnsResolver(wrapped, new ResolverSet(options.Resolvers), client, new DnsMessageCache(cache, TimeProvider.System, wrapped));
        var validator = new DnssecValidator(dns, cache, TimeProvider.System, wrapped, NullLogger<DnssecValidator>.Instance);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await validator.QueryAsync(name, QueryType.A, limit.Token);
    }
}
