using DnsClient;
using MailScan.Dns;
using MailScan.Dns.Wire;
using MailScan.Tests.Shared;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace MailScan.Dns.Tests;

/// <summary>
/// Our wire reader plus <see cref="DnsClientRecords"/> give the very records DnsClient's own
/// resolver reads from the same response, for every type we map (names compressed where a
/// server may compress them).
/// </summary>
public sealed class DnsClientRecordsTests
{
    private const string Owner = "records.example";

    // Offsets in the response: the question name starts at 12; "example" at 12 + 8.
    private static readonly byte[] AtOwner = CraftedAnswer.ToQuestionName;
    private static readonly byte[] Example = [0xC0, 20];

    public static TheoryData<string, ushort, byte[]> Records() => new()
    {
        { "A", DnsRecordType.A, [192, 0, 2, 1] },
        { "AAAA", DnsRecordType.AAAA, [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1] },
        { "NS", DnsRecordType.NS, [3, (byte)'n', (byte)'s', (byte)'1', .. Example] },
        { "CNAME", DnsRecordType.CNAME, [5, (byte)'a', (byte)'l', (byte)'i', (byte)'a', (byte)'s', .. AtOwner] },
        { "PTR", DnsRecordType.PTR, CraftedAnswer.Name("host.example.net") },
        { "MX", DnsRecordType.MX, [0, 10, 3, (byte)'m', (byte)'x', (byte)'1', .. Example] },
        { "SOA", DnsRecordType.SOA, [3, (byte)'n', (byte)'s', (byte)'1', .. Example, 10, .. "hostmaster"u8, .. AtOwner,
            0, 0, 0, 7, 0, 0, 7, 8, 0, 0, 3, 132, 0, 9, 58, 128, 0, 0, 1, 44] },
        { "TXT", DnsRecordType.TXT, [8, .. "v=spf1 a"u8, 12, .. "caf\u00e9 \"q\" \\b"u8] },
        { "SRV", DnsRecordType.SRV, [0, 1, 0, 2, 0, 25, 4, (byte)'m', (byte)'a', (byte)'i', (byte)'l', .. Example] },
        { "TLSA", DnsRecordType.TLSA, [3, 1, 1, .. Convert.FromHexString("0C72AC70B745AC19998811B131D662C9AC69DBDBE7CB23E5B514B56664C5D3D6")] },
        { "DS", DnsRecordType.DS, [0x30, 0x39, 13, 2, .. Convert.FromHexString("B4C8C1FE2E7477127B27115656AD6256F424625BF5C1E2770CE6D6E37DF61D17")] },
        { "DNSKEY", DnsRecordType.DNSKEY, [1, 1, 3, 13, .. Convert.FromBase64String("GojIhhXUN/u4v54ZQqGSnyhWJwaubCvTmeexv7bR6edbkrSqQpF64cYbcB7wNcP+e+MAnLr+Wi9xMWyQLc8NAA==")] },
        { "RRSIG", DnsRecordType.RRSIG, [0, 15, 13, 2, 0, 0, 1, 44, 0x6A, 0, 0, 0, 0x69, 0, 0, 0, 0xD9, 0x60, .. CraftedAnswer.Name("example"),
            .. Convert.FromBase64String("qx6wLYqmh+l9oCKTN6qIc+bw6ya+KJ8oMz0YP107epXAyGmt+3SNruPFKG7tZoLBLlUzGGus7ZwmwWep666VCw==")] },
        { "NSEC", DnsRecordType.NSEC, [4, .. "next"u8, .. Example, 0, 6, 0x62, 0x01, 0x80, 0x08, 0x00, 0x03, 1, 1, 0x40] },
        { "CAA", 257, [0, 5, .. "issue"u8, .. "letsencrypt.org"u8] },
    };

    [Theory]
    [MemberData(nameof(Records))]
    public async Task Our_record_equals_the_one_dnsclient_reads(string type, ushort number, byte[] rdata)
    {
        await using var server = new HostileDnsServer((query, _) => CraftedAnswer.Respond(query, 0x8180, [CraftedAnswer.Record(AtOwner, number, rdata, ttl: 3600)]));

        var theirs = await new LookupClient(new LookupClientOptions(new NameServer(server.EndPoint))
        {
            UseCache = false,
            Retries = 0,
            Timeout = TimeSpan.FromSeconds(3),
            ThrowDnsErrors = false,
        }).QueryAsync(Owner, (QueryType)number);
        var ours = await Resolver(server).QueryAsync(Owner, (QueryType)number, CancellationToken.None);

        var expected = Assert.Single(theirs.Answers);
        var actual = Assert.Single(ours.Answers);
        Assert.Equal(expected.GetType(), actual.GetType());
        // DnsClient counts the TTL down from the moment it read the record, so the TTL is compared apart.
        Assert.Equal(WithoutTtl(expected), WithoutTtl(actual));
        Assert.Equal(expected.RecordType, actual.RecordType);
        Assert.Equal(expected.InitialTimeToLive, actual.InitialTimeToLive);
        Assert.Equal(3600, actual.InitialTimeToLive);
        Assert.NotEqual(typeof(DnsClient.Protocol.UnknownRecord), actual.GetType());
        Assert.Equal(type, DnsRecordType.Name(number));
    }

    private static string WithoutTtl(DnsClient.Protocol.DnsResourceRecord record)
    {
        var fields = record.ToString().Split(' ').ToList();
        fields.RemoveAt(1);
        return string.Join(' ', fields);
    }

    private static DnsResolver Resolver(HostileDnsServer server)
    {
        var options = new DnsOptions();
        options.Resolvers = [$"{server.EndPoint.Address}:{server.EndPoint.Port}"];
        options.QueryTimeout = TimeSpan.FromSeconds(3);
        options.Retries = 0;
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        var cache = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider().GetRequiredService<HybridCache>();
        return new DnsResolver(wrapped, new ResolverSet(options.Resolvers), new DnsWireClient(wrapped, NullLogger<DnsWireClient>.Instance),
            new DnsMessageCache(cache, TimeProvider.System, wrapped));
    }
}
