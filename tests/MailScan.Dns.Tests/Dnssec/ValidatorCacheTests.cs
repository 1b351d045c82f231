using DnsClient;
using MailScan.Dns;
using MailScan.Dns.Dnssec;
using MailScan.Dns.Dnssec.Records;
using MailScan.Dns.Wire;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace MailScan.Dns.Tests.Dnssec;

/// <summary>
/// The validator's caches on captured lab answers: a verdict is served only while everything it
/// relied on holds, a bogus one is never served as secure, answers of other resolvers are kept
/// apart, a proven RRset is not verified again, and nothing of the validator's reaches a shared cache.
/// </summary>
public sealed class ValidatorCacheTests
{
    private static readonly LabCapture Capture = LabCapture.Instance;

    [Fact]
    public async Task A_validated_answer_is_served_from_the_cache_without_asking_again()
    {
        var replay = new CapturedValidator();

        var first = await replay.Validator.QueryAsync("mx1.sec-p384.test", QueryType.SOA, CancellationToken.None);
        var asked = replay.Dns.Asked;
        var second = await replay.Validator.QueryAsync("MX1.sec-p384.test.", QueryType.SOA, CancellationToken.None);

        Assert.Equal(DnssecStatus.Secure, first.Status);
        Assert.False(first.Answer.FromCache);
        Assert.Equal(DnssecStatus.Secure, second.Status);
        Assert.True(second.Answer.FromCache);
        Assert.Equal(asked, replay.Dns.Asked);
    }

    [Fact]
    public async Task An_expired_rrsig_is_not_served_from_the_cache_past_its_expiry()
    {
        // The first signature of the chain to expire, and an answer TTL that outlives it.
        var expiry = FirstExpiry([("sec-p384.test", QueryType.SOA), ("sec-p384.test", QueryType.DNSKEY), ("sec-p384.test", QueryType.DS),
            ("test", QueryType.DNSKEY), ("test", QueryType.DS), (".", QueryType.DNSKEY)]);
        var ttl = Capture.Message("sec-p384.test", QueryType.SOA).MinimumTtl();
        Assert.True(ttl >= 4, $"the captured SOA's TTL ({ttl} s) is too short for this test");
        var replay = new CapturedValidator();
        replay.Time.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(expiry - ttl / 2));

        var before = await replay.Validator.QueryAsync("sec-p384.test", QueryType.SOA, CancellationToken.None);
        replay.Time.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(expiry - 1));
        var cached = await replay.Validator.QueryAsync("sec-p384.test", QueryType.SOA, CancellationToken.None);
        replay.Time.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(expiry + 1));
        var after = await replay.Validator.QueryAsync("sec-p384.test", QueryType.SOA, CancellationToken.None);

        Assert.Equal(DnssecStatus.Secure, before.Status);
        Assert.True(cached.Answer.FromCache);
        Assert.False(after.Answer.FromCache);
        Assert.Equal(DnssecStatus.Bogus, after.Status);
        Assert.StartsWith("SignatureExpired", after.Reason);
    }

    [Fact]
    public async Task A_bogus_answer_is_never_served_as_secure_and_is_kept_a_minute_at_most()
    {
        var ttl = Capture.Message("sec-p384.test", QueryType.SOA).MinimumTtl();
        Assert.True(ttl > DnssecValidator.BogusCacheSeconds + 1, $"the captured SOA's TTL ({ttl} s) is too short for this test");
        var replay = new CapturedValidator();
        var signature = CapturedProofTests.Signature(Capture.Message("sec-p384.test", QueryType.SOA), DnsRecordType.SOA);
        replay.Dns.Alter = (name, type, wire) => name == "sec-p384.test." && type == DnsRecordType.SOA ? ReplayResolver.FlipBitIn(wire, signature) : wire;

        var forged = await replay.Validator.QueryAsync("sec-p384.test", QueryType.SOA, CancellationToken.None);
        replay.Dns.Alter = null;
        replay.Time.Advance(TimeSpan.FromSeconds(DnssecValidator.BogusCacheSeconds - 1));
        var stillBogus = await replay.Validator.QueryAsync("sec-p384.test", QueryType.SOA, CancellationToken.None);
        replay.Time.Advance(TimeSpan.FromSeconds(2));
        var repaired = await replay.Validator.QueryAsync("sec-p384.test", QueryType.SOA, CancellationToken.None);

        Assert.Equal(DnssecStatus.Bogus, forged.Status);
        Assert.StartsWith("DNSSECBogus: zone sec-p384.test, RRset sec-p384.test/SOA", forged.Reason);
        Assert.Equal(DnssecStatus.Bogus, stillBogus.Status);
        Assert.True(stillBogus.Answer.FromCache);
        Assert.Equal(DnssecStatus.Secure, repaired.Status);
    }

    [Fact]
    public async Task A_forged_copy_of_a_proven_rrset_through_other_resolvers_is_bogus()
    {
        // Both validators share one cache; the second one's resolvers hand out the SOA with another serial
        // (the last 20 octets of SOA RDATA are serial, refresh, retry, expire, minimum).
        var cache = CapturedValidator.NewCache();
        var honest = new CapturedValidator("honest", cache);
        var forger = new CapturedValidator("forger", cache, honest.Time);
        var soa = Capture.Message("sec-p384.test", QueryType.SOA).Answers.First(r => r.Type == DnsRecordType.SOA).Data;
        forger.Dns.Alter = (name, type, wire) => name == "sec-p384.test." && type == DnsRecordType.SOA ? ReplayResolver.FlipBitIn(wire, soa[^20..], offset: 3) : wire;

        var proven = await honest.Validator.QueryAsync("sec-p384.test", QueryType.SOA, CancellationToken.None);
        var forged = await forger.Validator.QueryAsync("sec-p384.test", QueryType.SOA, CancellationToken.None);
        var again = await honest.Validator.QueryAsync("sec-p384.test", QueryType.SOA, CancellationToken.None);

        Assert.Equal(DnssecStatus.Secure, proven.Status);
        Assert.Equal(DnssecStatus.Bogus, forged.Status);
        Assert.Contains("does not verify", forged.Reason);
        Assert.NotEqual(proven.Answer.Message!.Answers[0].Data, forged.Answer.Message!.Answers[0].Data);
        Assert.Equal(DnssecStatus.Secure, again.Status);
    }

    [Fact]
    public async Task A_proven_rrset_is_not_verified_again()
    {
        var message = Capture.Message("sec-p384.test", QueryType.SOA);
        var soa = Rrset.Group(message.Answers).Single(s => s.Type == DnsRecordType.SOA);
        var keys = Capture.Message("sec-p384.test", QueryType.DNSKEY).Answers.Where(r => r.Type == DnsRecordType.DNSKEY)
            .Select(r => Dnskey.Parse(r.Data).Value!).ToList();
        var zone = DnsName.Parse("sec-p384.test");
        var proven = new ProvenRrsets(new LocalCache(CapturedValidator.NewCache(), TimeSpan.FromHours(1)));

        var first = await proven.VerifyAsync(soa, zone, keys, Capture.CapturedUnix, new ValidationBudget(0, 1));
        var second = await proven.VerifyAsync(soa, zone, keys, Capture.CapturedUnix, new ValidationBudget(0, 0));
        var elsewhere = await new ProvenRrsets(new LocalCache(CapturedValidator.NewCache(), TimeSpan.FromHours(1)))
            .VerifyAsync(soa, zone, keys, Capture.CapturedUnix, new ValidationBudget(0, 0));
        var otherKeys = await proven.VerifyAsync(soa, zone, keys.Where(k => k.KeyTag != first.Used!.KeyTag).ToList(), Capture.CapturedUnix, new ValidationBudget(0, 0));

        Assert.Null(first.Failure);
        Assert.Null(second.Failure);
        Assert.Equal(first.Used, second.Used);
        Assert.Contains("too many signatures to check", elsewhere.Failure!.Detail);
        Assert.Equal(ExtendedDnsError.DNSKEYMissing, otherKeys.Failure!.Error);
    }

    [Fact]
    public async Task Neither_validators_nor_DNS_messages_reach_a_shared_cache()
    {
        var shared = new RecordingDistributedCache();
        var cache = new ServiceCollection().AddSingleton<IDistributedCache>(shared).AddHybridCache().Services.BuildServiceProvider().GetRequiredService<HybridCache>();
        var replay = new CapturedValidator(cache: cache);
        var messages = new DnsMessageCache(cache, TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new DnsOptions()));
        var raw = Capture.Answers[(LabCapture.Key("sec-p384.test"), DnsRecordType.SOA)];

        foreach (var (name, type) in Capture.Live.Keys)
            await replay.Validator.QueryAsync(name, Enum.Parse<QueryType>(type), CancellationToken.None);
        var exchanges = 0;
        Task<DnsExchange> Exchange(CancellationToken _)
        {
            exchanges++;
            return Task.FromResult(new DnsExchange(DnsOutcome.Answered, DnsWireReader.Read(raw).Value, raw, "replay", TimeSpan.Zero));
        }
        await messages.GetOrExchangeAsync("dns:test:sec-p384.test.:6:1", Exchange, CancellationToken.None);
        var again = await messages.GetOrExchangeAsync("dns:test:sec-p384.test.:6:1", Exchange, CancellationToken.None);

        Assert.Empty(shared.Written);
        Assert.Equal(1, exchanges);
        Assert.True(again.FromCache);
    }

    /// <summary>The earliest RRSIG expiration (Unix seconds) in the captured answers to these questions.</summary>
    private static long FirstExpiry(IEnumerable<(string Name, QueryType Type)> questions) =>
        questions.SelectMany(q => Capture.Message(q.Name, q.Type).Answers)
            .Where(r => r.Type == DnsRecordType.RRSIG)
            .Select(r => Rrsig.ToTime(Rrsig.Parse(r.Data).Value!.Expiration, Capture.CapturedUnix).ToUnixTimeSeconds())
            .Min();
}
