using DnsClient;
using DnsClient.Protocol;
using MailScan.Dns;
using MailScan.Dns.Wire;
using MailScan.Tests.Shared;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace MailScan.Dns.Tests;

/// <summary>Cached answers belong to the resolvers that gave them: workers configured with other resolvers never share entries.</summary>
public sealed class ResolverScopeTests
{
    [Fact]
    public async Task Answers_of_other_resolvers_are_not_served_from_a_shared_cache()
    {
        await using var first = new HostileDnsServer((query, _) => CraftedAnswer.Respond(query, 0x8180, [CraftedAnswer.Record(CraftedAnswer.ToQuestionName, DnsRecordType.A, [192, 0, 2, 1])]));
        await using var second = new HostileDnsServer((query, _) => CraftedAnswer.Respond(query, 0x8180, [CraftedAnswer.Record(CraftedAnswer.ToQuestionName, DnsRecordType.A, [192, 0, 2, 2])]));
        var shared = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider().GetRequiredService<HybridCache>();

        var fromFirst = await Resolver(first, shared).QueryAsync("www.example", QueryType.A, CancellationToken.None);
        var fromSecond = await Resolver(second, shared).QueryAsync("www.example", QueryType.A, CancellationToken.None);
        var firstAgain = await Resolver(first, shared).QueryAsync("www.example", QueryType.A, CancellationToken.None);

        Assert.Equal("192.0.2.1", fromFirst.Records<ARecord>().Single().Address.ToString());
        Assert.Equal("192.0.2.2", fromSecond.Records<ARecord>().Single().Address.ToString());
        Assert.False(fromSecond.FromCache);
        Assert.True(firstAgain.FromCache);
        Assert.Equal("192.0.2.1", firstAgain.Records<ARecord>().Single().Address.ToString());
    }

    [Fact]
    public async Task A_large_answer_is_served_again_from_the_cache_without_asking_the_server()
    {
        var asked = 0;
        // 1000 A records: about 16 KiB, over UDP truncated and then read over TCP.
        var records = Enumerable.Range(0, 1000).Select(i => CraftedAnswer.Record(CraftedAnswer.ToQuestionName, DnsRecordType.A, [10, 0, (byte)(i >> 8), (byte)i])).ToList();
        await using var server = new HostileDnsServer((query, tcp) =>
        {
            Interlocked.Increment(ref asked);
            return tcp ? CraftedAnswer.Respond(query, 0x8180, records) : CraftedAnswer.Respond(query, 0x8380, []);
        });
        var cache = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider().GetRequiredService<HybridCache>();
        var resolver = Resolver(server, cache);

        var first = await resolver.QueryAsync("big.example", QueryType.A, CancellationToken.None);
        var askedOnce = asked;
        var again = await resolver.QueryAsync("big.example", QueryType.A, CancellationToken.None);

        Assert.Equal(1000, first.Records<ARecord>().Count());
        Assert.Equal(first.Records<ARecord>().Select(r => r.Address), again.Records<ARecord>().Select(r => r.Address));
        Assert.True(again.FromCache);
        Assert.Equal(askedOnce, asked);
    }

    [Fact]
    public void A_scope_is_the_same_for_the_same_servers_in_the_same_order_only()
    {
        var a = new ResolverSet(["127.0.0.1:53", "[::1]:53"]).Scope;

        Assert.Equal(a, new ResolverSet(["127.0.0.1", "::1"]).Scope);
        Assert.NotEqual(a, new ResolverSet(["[::1]:53", "127.0.0.1:53"]).Scope);
        Assert.NotEqual(a, new ResolverSet(["127.0.0.1:5353", "[::1]:53"]).Scope);
        Assert.Matches("^[0-9a-f]{16}$", a);
    }

    private static DnsResolver Resolver(HostileDnsServer server, HybridCache cache)
    {
        var options = new DnsOptions();
        options.Resolvers = [$"{server.EndPoint.Address}:{server.EndPoint.Port}"];
        options.QueryTimeout = TimeSpan.FromSeconds(3);
        options.Retries = 0;
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        return new DnsResolver(wrapped, new ResolverSet(options.Resolvers), new DnsWireClient(wrapped, NullLogger<DnsWireClient>.Instance),
            new DnsMessageCache(cache, TimeProvider.System, wrapped));
    }
}
