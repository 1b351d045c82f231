using System.Security.Cryptography;

namespace MailScan.Tls.Codec;

/// <summary>Parses a TLS ≤ 1.2 ServerKeyExchange for ECDHE (RFC 8422 §5.4) and DHE (RFC 5246 §7.4.3). Pure and total.</summary>
internal static class ServerKeyExchangeParser
{
    public static (ServerKeyExchange? KeyExchange, TlsParseError? Error) Parse(ReadOnlySpan<byte> body, int origin, TlsCipherSuite suite, TlsVersion version)
    {
        var reader = new TlsReader(body, origin);
        ServerKeyExchange? result;
        if (suite.KeyExchange is TlsKeyExchange.Ecdhe or TlsKeyExchange.EcdhAnonymous)
        {
            if (!reader.TryU8(out var curveType))
                return (null, new(reader.Position, "ServerKeyExchange is empty"));
            ushort group;
            if (curveType == 3)
            {
                if (!reader.TryU16(out group))
                    return (null, new(reader.Position, "ServerKeyExchange named curve is truncated"));
            }
            else if (curveType is 1 or 2)
            {
                // Explicit curve parameters: reported with the registry's codes for arbitrary curves.
                return (new ServerKeyExchange(curveType == 1 ? (ushort)0xFF01 : (ushort)0xFF02, 0, null, null, null), null);
            }
            else
            {
                return (null, new(reader.Position, $"ServerKeyExchange curve type {curveType} is unknown"));
            }
            if (!reader.TryVector8(out var point) || point.Length == 0)
                return (null, new(reader.Position, "ServerKeyExchange public point is malformed"));
            result = new ServerKeyExchange(group, 0, null, null, null);
        }
        else if (suite.KeyExchange is TlsKeyExchange.Dhe or TlsKeyExchange.DhAnonymous)
        {
            if (!reader.TryVector16(out var prime) || !reader.TryVector16(out var generator) || !reader.TryVector16(out var publicValue))
                return (null, new(reader.Position, "ServerKeyExchange DH parameters are truncated"));
            if (prime.Length == 0 || generator.Length == 0 || publicValue.Length == 0)
                return (null, new(reader.Position, "ServerKeyExchange DH parameter is empty"));
            var trimmed = prime.TrimStart((byte)0);
            var bits = trimmed.Length == 0 ? 0 : (trimmed.Length - 1) * 8 + (32 - System.Numerics.BitOperations.LeadingZeroCount((uint)trimmed[0]));
            result = new ServerKeyExchange(null, bits, TlsClassTable.Rfc7919Group(prime, generator),
                Convert.ToHexStringLower(SHA256.HashData(trimmed)), null);
        }
        else
        {
            return (null, null);
        }

        var anonymous = suite.KeyExchange is TlsKeyExchange.EcdhAnonymous or TlsKeyExchange.DhAnonymous;
        if (anonymous || version < TlsVersion.Tls12)
            return (result, null);
        if (!reader.TryU16(out var scheme) || !reader.TryVector16(out _))
            return (null, new(reader.Position, "ServerKeyExchange signature is truncated"));
        return (result with { SignatureScheme = scheme }, null);
    }
}
