using System.Text;
using MailScan.Rpki;
using MailScan.Rpki.Rtr;
using MailScan.Tests.Shared;

namespace MailScan.Rpki.Tests;

/// <summary>
/// The parsers that read data from outside (VRP JSON, RTR PDUs, pfx2as, Team Cymru TXT) with over
/// 10^5 generated and mutated inputs each: they never throw, and what they accept is well formed.
/// Seeded, so a failure is reproducible.
/// </summary>
public sealed class RpkiParserFuzzTests
{
    private static readonly int Inputs = FuzzBudget.Inputs;

    [Fact]
    public void Vrp_json_parser_survives_mutated_exports()
    {
        var random = new Random(20260101);
        var accepted = 0;
        for (var i = 0; i < Inputs; i++)
        {
            var (json, vrps) = RandomExport(random);
            var input = i % 10 == 0 ? json : Mutate(random, json);
            var parsed = VrpJsonParser.Parse(input);
            if (input == json)
            {
                Assert.True(parsed.IsValid, parsed.Error?.ToString());
                Assert.Equal(vrps, parsed.Value!.Vrps);
            }
            if (parsed.IsValid)
            {
                accepted++;
                Assert.All(parsed.Value!.Vrps, v => Assert.True(v.IsWellFormed));
            }
            else
            {
                Assert.False(string.IsNullOrEmpty(parsed.Error!.Reason));
            }
        }
        Assert.InRange(accepted, Inputs / 10, Inputs - 1);
    }

    [Fact]
    public void Rtr_codec_survives_random_and_mutated_pdus_and_any_split_of_a_stream()
    {
        var random = new Random(8210);
        for (var i = 0; i < Inputs; i++)
        {
            var pdu = RandomPdu(random);
            var bytes = RtrPduCodec.Write(pdu);
            var input = (i % 3) switch { 0 => bytes, 1 => Mutate(random, bytes), _ => RandomBytes(random, random.Next(0, 40)) };
            var status = RtrPduCodec.TryRead(input, out var read, out var consumed, out var error);
            if (input == bytes)
                Assert.Equal(RtrReadStatus.Complete, status);
            if (status == RtrReadStatus.Complete)
            {
                Assert.InRange(consumed, RtrPduCodec.HeaderLength, input.Length);
                if (read!.Type != RtrPduType.RouterKey)
                    Assert.Equal(read with { ErroneousPdu = [] }, Reread(RtrPduCodec.Write(read)) with { ErroneousPdu = [] });
            }
            else
            {
                Assert.Equal(0, consumed);
                Assert.Equal(status == RtrReadStatus.Error, error is not null);
            }
        }

        // A stream of PDUs cut anywhere reads back as the same PDUs.
        var stream = Enumerable.Range(0, 200).Select(_ => RandomPdu(random)).ToList();
        var all = stream.SelectMany(RtrPduCodec.Write).ToArray();
        var got = new List<RtrPdu>();
        var offset = 0;
        var available = 0;
        while (offset < all.Length)
        {
            available = Math.Min(all.Length, available + random.Next(1, 50));
            while (RtrPduCodec.TryRead(all.AsSpan(offset, available - offset), out var pdu, out var used, out _) == RtrReadStatus.Complete)
            {
                got.Add(pdu!);
                offset += used;
            }
        }
        Assert.Equal(stream.Count, got.Count);
    }

    [Fact]
    public void Pfx2as_parser_survives_mutated_tables()
    {
        var random = new Random(2001);
        for (var i = 0; i < Inputs; i++)
        {
            var line = RandomRouteLine(random);
            var input = i % 10 == 0 ? line : Encoding.Latin1.GetString(Mutate(random, Encoding.Latin1.GetBytes(line)));
            var parsed = Pfx2AsParser.Parse(input);
            if (input == line)
                Assert.True(parsed.IsValid, parsed.Error?.ToString());
            if (parsed.IsValid)
                Assert.All(parsed.Value!, r => Assert.NotEmpty(r.Origins));
            else
                Assert.StartsWith("line ", parsed.Error!.Position);
        }
    }

    [Fact]
    public void Team_cymru_answer_parser_survives_mutated_answers()
    {
        var random = new Random(1303);
        for (var i = 0; i < Inputs; i++)
        {
            var answer = $"{random.Next(1, 70000)} {random.Next(1, 70000)} | {RandomPrefix(random)} | NL | ripencc | 2001-01-01";
            var input = i % 10 == 0 ? answer : Encoding.Latin1.GetString(Mutate(random, Encoding.Latin1.GetBytes(answer)));
            var parsed = TeamCymruAnswerParser.Parse(input);
            if (input == answer)
                Assert.True(parsed.IsValid, parsed.Error?.ToString());
            if (parsed.IsValid)
                Assert.NotEmpty(parsed.Value!.Origins);
        }
    }

    private static RtrPdu Reread(byte[] bytes)
    {
        Assert.Equal(RtrReadStatus.Complete, RtrPduCodec.TryRead(bytes, out var pdu, out _, out _));
        return pdu!;
    }

    private static (byte[] Json, List<Vrp> Vrps) RandomExport(Random random)
    {
        var vrps = Enumerable.Range(0, random.Next(0, 4)).Select(_ =>
        {
            var prefix = IpPrefix.Parse(RandomPrefix(random));
            return new Vrp(prefix, (byte)random.Next(prefix.Length, prefix.Width + 1), (uint)random.NextInt64(0, uint.MaxValue + 1L));
        }).ToList();
        var roas = vrps.Select((v, i) => i % 2 == 0
            ? $"{{\"asn\":{v.Asn},\"prefix\":\"{v.Prefix}\",\"maxLength\":{v.MaxLength},\"ta\":\"x\",\"expires\":1}}"
            : $"{{\"prefix\":\"{v.Prefix}\",\"maxLength\":{v.MaxLength},\"asn\":\"AS{v.Asn}\"}}");
        var json = $"{{\"metadata\":{{\"generated\":1700000000,\"buildtime\":\"2024-01-01T00:00:00Z\"}},\"roas\":[{string.Join(",", roas)}]}}";
        return (Encoding.UTF8.GetBytes(json), vrps);
    }

    private static RtrPdu RandomPdu(Random random)
    {
        var version = (byte)random.Next(0, 2);
        var prefix = IpPrefix.Parse(RandomPrefix(random));
        return random.Next(9) switch
        {
            0 => new RtrPdu(version, RtrPduType.SerialNotify) { SessionId = (ushort)random.Next(65536), Serial = (uint)random.NextInt64(uint.MaxValue) },
            1 => new RtrPdu(version, RtrPduType.SerialQuery) { SessionId = (ushort)random.Next(65536), Serial = (uint)random.NextInt64(uint.MaxValue) },
            2 => new RtrPdu(version, RtrPduType.ResetQuery),
            3 => new RtrPdu(version, RtrPduType.CacheResponse) { SessionId = (ushort)random.Next(65536) },
            4 => new RtrPdu(version, prefix.IsIpv6 ? RtrPduType.Ipv6Prefix : RtrPduType.Ipv4Prefix)
            {
                Announce = random.Next(2) == 0,
                Vrp = new Vrp(prefix, (byte)random.Next(prefix.Length, prefix.Width + 1), (uint)random.NextInt64(uint.MaxValue)),
            },
            5 => new RtrPdu(version, RtrPduType.EndOfData) { SessionId = 1, Serial = 5, Timers = version == 1 ? RtrTimers.Default : null },
            6 => new RtrPdu(version, RtrPduType.CacheReset),
            7 => new RtrPdu(1, RtrPduType.RouterKey),
            _ => new RtrPdu(version, RtrPduType.ErrorReport) { ErrorCode = (RtrErrorCode)random.Next(9), ErrorText = "error " + random.Next(), ErroneousPdu = RandomBytes(random, random.Next(0, 20)) },
        };
    }

    private static string RandomRouteLine(Random random)
    {
        var prefix = IpPrefix.Parse(RandomPrefix(random));
        var origins = string.Join("_", Enumerable.Range(0, random.Next(1, 3)).Select(_ => random.Next(3) == 0
            ? $"{random.Next(1, 65536)},{random.Next(1, 65536)}" : random.NextInt64(0, uint.MaxValue + 1L).ToString()));
        return $"{prefix.Address}\t{prefix.Length}\t{origins}\n";
    }

    private static string RandomPrefix(Random random)
    {
        var ipv6 = random.Next(2) == 0;
        var length = random.Next(0, ipv6 ? 129 : 33);
        var bits = ipv6 ? new UInt128((ulong)random.NextInt64(), (ulong)random.NextInt64()) : (UInt128)(uint)random.NextInt64(uint.MaxValue);
        return IpPrefix.FromBits(ipv6, bits, length).ToString();
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>One to three byte-level mutations: flip, insert, delete, truncate, duplicate a slice, or splice in a JSON token.</summary>
    private static byte[] Mutate(Random random, byte[] input)
    {
        var bytes = input.ToList();
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0 when bytes.Count > 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: bytes.Insert(at, (byte)random.Next(256)); break;
                case 2 when bytes.Count > 0: bytes.RemoveAt(at); break;
                case 3: bytes.RemoveRange(at, bytes.Count - at); break;
                case 4 when bytes.Count > 0: bytes.InsertRange(at, bytes.Skip(random.Next(bytes.Count)).Take(random.Next(1, 16)).ToList()); break;
                default: bytes.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[random.Next(Tokens.Length)])); break;
            }
        }
        return [.. bytes];
    }

    private static readonly string[] Tokens = ["{", "}", "[", "]", ",", ":", "\"", "null", "-1", "1e400", "\"roas\"", "\\u0000", "/", "_", "\t", "\n", "255", "4294967296", "::", "\u00e9"];
}
