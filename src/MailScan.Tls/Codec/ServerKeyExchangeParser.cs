using System.Security.Cryptography;
using MailScan.Parsing;

namespace MailScan.Tls.Codec;

/// <summary>Parses a TLS ≤ 1.2 ServerKeyExchange for ECDHE (RFC 8422 §5.4) and DHE (RFC 5246 §7.4.3). Pure and total.</summary>
internal static class ServerKeyExchangeParser
{
    /// <summary>Whether the suite's ServerKeyExchange carries an ephemeral key this parser reads (ECDHE, DHE and their anonymous forms).</summary>
    public static bool IsEphemeral(TlsCipherSuite suite) =>
        suite.KeyExchange is TlsKeyExchange.Ecdhe or TlsKeyExchange.EcdhAnonymous or TlsKeyExchange.Dhe or TlsKeyExchange.DhAnonymous;

    /// <summary>Reads the key of an <see cref="IsEphemeral"/> suite; any other suite is a <see cref="TlsParseFault.Malformed"/> error.</summary>
    public static Parsed<ServerKeyExchange, TlsParseError> Parse(ReadOnlySpan<byte> body, int origin, TlsCipherSuite suite, TlsVersion version)
    {
        var reader = new TlsReader(body, origin);
        ServerKeyExchange result;
        if (suite.KeyExchange is TlsKeyExchange.Ecdhe or TlsKeyExchange.EcdhAnonymous)
        {
            if (!reader.TryU8(out var curveType))
                return Fail(reader.Position, "ServerKeyExchange is empty");
            ushort group;
            if (curveType == 3)
            {
                if (!reader.TryU16(out group))
                    return Fail(reader.Position, "ServerKeyExchange named curve is truncated");
            }
            else if (curveType is 1 or 2)
            {
                // Explicit curve parameters: reported with the registry's codes for arbitrary curves.
                return Parsed<ServerKeyExchange, TlsParseError>.Ok(new(curveType == 1 ? (ushort)0xFF01 : (ushort)0xFF02, 0, null, null, null));
            }
            else
            {
                return Fail(reader.Position, $"ServerKeyExchange curve type {curveType} is unknown");
            }
            if (!reader.TryVector8(out var point) || point.Length == 0)
                return Fail(reader.Position, "ServerKeyExchange public point is malformed");
            result = new ServerKeyExchange(group, 0, null, null, null);
        }
        else if (suite.KeyExchange is TlsKeyExchange.Dhe or TlsKeyExchange.DhAnonymous)
        {
            if (!reader.TryVector16(out var prime) || !reader.TryVector16(out var generator) || !reader.TryVector16(out var publicValue))
                return Fail(reader.Position, "ServerKeyExchange DH parameters are truncated");
            if (prime.Length == 0 || generator.Length == 0 || publicValue.Length == 0)
                return Fail(reader.Position, "ServerKeyExchange DH parameter is empty");
            var trimmed = prime.TrimStart((byte)0);
            var bits = trimmed.Length == 0 ? 0 : (trimmed.Length - 1) * 8 + (32 - System.Numerics.BitOperations.LeadingZeroCount((uint)trimmed[0]));
            result = new ServerKeyExchange(null, bits, TlsClassTable.Rfc7919Group(prime, generator),
                Convert.ToHexStringLower(SHA256.HashData(trimmed)), null);
        }
        else
        {
            return Fail(origin, $"ServerKeyExchange of a suite without an ephemeral key ({suite.KeyExchange})");
        }

        var anonymous = suite.KeyExchange is TlsKeyExchange.EcdhAnonymous or TlsKeyExchange.DhAnonymous;
        if (anonymous || version < TlsVersion.Tls12)
            return Parsed<ServerKeyExchange, TlsParseError>.Ok(result);
        if (!reader.TryU16(out var scheme) || !reader.TryVector16(out _))
            return Fail(reader.Position, "ServerKeyExchange signature is truncated");
        return Parsed<ServerKeyExchange, TlsParseError>.Ok(result with { SignatureScheme = scheme });
    }

    private static Parsed<ServerKeyExchange, TlsParseError> Fail(int position, string reason) =>
        Parsed<ServerKeyExchange, TlsParseError>.Fail(new(position, reason));
}
