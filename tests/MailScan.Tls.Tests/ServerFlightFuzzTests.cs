using MailScan.Tests.Shared;
using MailScan.Tls.Codec;

namespace MailScan.Tls.Tests;

/// <summary>The codec is total: 100 000 mutated server flights, none may throw.</summary>
public sealed class ServerFlightFuzzTests
{
    private static readonly byte[][] Seeds =
    [
        TlsBytes.Record(22, 0x0303, [.. TlsBytes.ServerHello(0x0303, 0xC02B, 0, null, TlsBytes.Extension(0xFF01, [0]), TlsBytes.Extension(23, [])),
            .. TlsBytes.Certificate([1, 2, 3]), .. TlsBytes.EcdheKeyExchange(23, 0x0403), .. TlsBytes.HelloDone()]),
        TlsBytes.Record(22, 0x0303, [.. TlsBytes.ServerHello(0x0303, 0x009E), .. TlsBytes.DheKeyExchange(Convert.FromHexString(TlsBytes.Ffdhe2048), 2, 0x0401), .. TlsBytes.HelloDone()]),
        TlsBytes.Record(22, 0x0303, TlsBytes.ServerHello(0x0303, 0x1301, 0, TlsBytes.HelloRetryRandom, TlsBytes.Extension(43, [3, 4]), TlsBytes.Extension(51, [0, 23]))),
        TlsBytes.Record(22, 0x0300, [.. TlsBytes.ServerHello(0x0300, 0x0005, 1), .. TlsBytes.HelloDone()]),
        TlsBytes.Alert(70),
    ];

    [Fact]
    public void Mutated_server_hellos_and_key_exchanges_never_throw()
    {
        var random = new Random(20261129);
        var outcomes = new int[3];
        for (var i = 0; i < FuzzBudget.Inputs; i++)
        {
            var input = Mutate(Seeds[i % Seeds.Length], random);
            var parse = ServerFlightParser.Parse(input);
            outcomes[parse.Error is { NeedsMore: false } ? 0 : parse.Error is not null ? 1 : 2]++;
        }
        // Every kind of outcome occurs, so the mutations reach past the first checks.
        Assert.All(outcomes, count => Assert.True(count > 100, string.Join(",", outcomes)));
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = seed.ToList();
        for (var edits = random.Next(1, 6); edits > 0 && bytes.Count > 0; edits--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0: bytes[at] = (byte)random.Next(256); break;
                case 1: bytes.RemoveRange(at, Math.Min(bytes.Count - at, random.Next(1, 8))); break;
                case 2: bytes.InsertRange(at, Enumerable.Range(0, random.Next(1, 8)).Select(_ => (byte)random.Next(256))); break;
                case 3: bytes[at] = bytes[at] is 0 ? (byte)0xFF : (byte)0; break;
                default: bytes.RemoveRange(at, bytes.Count - at); break;
            }
        }
        return [.. bytes];
    }
}
