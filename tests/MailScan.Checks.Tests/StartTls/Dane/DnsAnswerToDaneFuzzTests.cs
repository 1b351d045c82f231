using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DnsClient.Protocol;
using MailScan.Checks.StartTls.Dane;
using MailScan.Dns;
using MailScan.Dns.Wire;
using MailScan.Tests.Shared;

namespace MailScan.Checks.Tests.StartTls.Dane;

/// <summary>
/// The DNS message reader, the record mapping and the TLSA path behind it (record data, then the
/// DANE matcher) with 100 000 mutated answers: nothing throws, an error points inside the message,
/// and what is read maps to records. Seeded, so a failure repeats.
/// </summary>
public sealed class DnsAnswerToDaneFuzzTests
{
    private static readonly int Inputs = FuzzBudget.Inputs;
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Mutated_answers_never_make_the_reader_or_the_record_mapping_throw()
    {
        var random = new Random(1035);
        var seeds = Seeds();
        var (leaf, ca) = Chain();
        var outcomes = new int[2];
        var tlsaMatched = 0;
        for (var i = 0; i < Inputs; i++)
        {
            var input = Mutate(seeds[i % seeds.Length], random);
            var (message, error) = DnsWireReader.Read(input);
            if (error is not null)
            {
                outcomes[0]++;
                Assert.InRange(error.Position, 0, input.Length);
                Assert.False(string.IsNullOrEmpty(error.Reason));
                continue;
            }
            outcomes[1]++;
            var records = DnsClientRecords.Map([.. message!.Answers, .. message.Authorities, .. message.Additionals]);
            var tlsa = records.OfType<TlsaRecord>()
                .Select(r => new TlsaRecordData((byte)r.CertificateUsage, (byte)r.Selector, (byte)r.MatchingType, Convert.ToHexStringLower(r.CertificateAssociationData.ToArray())))
                .ToList();
            // The matcher parses certificates: every 64th input is enough to reach it often.
            if (tlsa.Count > 0 && i % 64 == 0)
            {
                _ = DaneMatcher.Matching(tlsa, [leaf, Mutate(ca, random)], Now);
                tlsaMatched++;
            }
        }
        Assert.All(outcomes, count => Assert.True(count > Inputs / 20, string.Join(",", outcomes)));
        Assert.True(tlsaMatched > 100, $"only {tlsaMatched} TLSA sets reached the matcher");
    }

    private static byte[][] Seeds()
    {
        var query = DnsQueryWriter.Write(0x1234, new WireQuestion(DnsName.Parse("_25._tcp.mx.example.nl"), DnsRecordType.TLSA), new DnsQueryFlags(true, false, true, 1232));
        var q = CraftedAnswer.ToQuestionName;
        byte[] tlsa = [3, 1, 1, .. RandomNumberGenerator.GetBytes(32)];
        return
        [
            CraftedAnswer.Respond(query, 0x0180, [CraftedAnswer.Record(q, DnsRecordType.TLSA, tlsa), CraftedAnswer.Record(q, DnsRecordType.TLSA, [2, 0, 1, .. new byte[32]])]),
            CraftedAnswer.Respond(query, 0x0180, [CraftedAnswer.Record(q, DnsRecordType.MX, [0, 10, 2, (byte)'m', (byte)'x', 0xC0, 12]), CraftedAnswer.Record(q, DnsRecordType.A, [192, 0, 2, 1])]),
            CraftedAnswer.Respond(query, 0x0180, [CraftedAnswer.Record(q, DnsRecordType.TXT, [6, .. "v=spf1"u8, 3, .. " mx"u8, 5, .. " -all"u8])]),
            CraftedAnswer.Respond(query, 0x0180, [CraftedAnswer.Record(q, DnsRecordType.CNAME, CraftedAnswer.Name("mx2.example.nl")), CraftedAnswer.Record(CraftedAnswer.Name("mx2.example.nl"), DnsRecordType.AAAA, new byte[16])]),
            CraftedAnswer.Respond(query, 0x0183, [CraftedAnswer.Record(q, DnsRecordType.SOA, [.. CraftedAnswer.Name("ns.example.nl"), 0xC0, 12, .. new byte[20]])]),
            CraftedAnswer.Respond(query, 0x0180, [CraftedAnswer.Record(q, 257, [0, 5, .. "issue"u8, .. "ca.example"u8]), CraftedAnswer.Record(q, DnsRecordType.DS, [0x30, 0x39, 13, 2, .. new byte[32]])]),
        ];
    }

    private static (byte[] Leaf, byte[] Ca) Chain()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Fuzz CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = caRequest.CreateSelfSigned(Now.AddDays(-10), Now.AddYears(1));
        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = new CertificateRequest("CN=mx.example.nl", leafKey, HashAlgorithmName.SHA256).Create(ca, Now.AddDays(-1), Now.AddDays(90), [1, 2, 3, 4]);
        return (leaf.RawData, ca.RawData);
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = seed.ToList();
        for (var edits = random.Next(1, 5); edits > 0 && bytes.Count > 0; edits--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0: bytes[at] = (byte)random.Next(256); break;
                case 1: bytes.RemoveRange(at, Math.Min(bytes.Count - at, random.Next(1, 6))); break;
                case 2: bytes.InsertRange(at, Enumerable.Range(0, random.Next(1, 6)).Select(_ => (byte)random.Next(256))); break;
                case 3: bytes[at] = (byte)(0xC0 | random.Next(64)); break; // a compression pointer where there was none
                case 4: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                default: bytes.RemoveRange(at, bytes.Count - at); break;
            }
        }
        return [.. bytes];
    }
}
