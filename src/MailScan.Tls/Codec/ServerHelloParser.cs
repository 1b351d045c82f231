using MailScan.Parsing;

namespace MailScan.Tls.Codec;

/// <summary>Parses a ServerHello body (RFC 5246 §7.4.1.3, RFC 8446 §4.1.3). Pure and total.</summary>
internal static class ServerHelloParser
{
    private static readonly byte[] HelloRetryRandom = Convert.FromHexString("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");

    public static Parsed<ServerHello, TlsParseError> Parse(ReadOnlySpan<byte> body, int origin)
    {
        var reader = new TlsReader(body, origin);
        if (!reader.TryU16(out var legacyVersion) || !reader.TryBytes(32, out var random))
            return Parsed<ServerHello, TlsParseError>.Fail(new(reader.Position, "ServerHello too short for version and random"));
        if (!reader.TryVector8(out var sessionId) || sessionId.Length > 32)
            return Parsed<ServerHello, TlsParseError>.Fail(new(reader.Position, "ServerHello session id is malformed"));
        if (!reader.TryU16(out var suite) || !reader.TryU8(out var compression))
            return Parsed<ServerHello, TlsParseError>.Fail(new(reader.Position, "ServerHello too short for cipher suite and compression"));
        var retry = random.SequenceEqual(HelloRetryRandom);
        var version = (TlsVersion)legacyVersion;
        bool secureRenegotiation = false, extendedMasterSecret = false;
        ushort? group = null;
        byte[]? keyShare = null;
        var types = new List<ushort>();
        if (reader.Remaining > 0)
        {
            if (!reader.TryVector16(out var extensions) || reader.Remaining != 0)
                return Parsed<ServerHello, TlsParseError>.Fail(new(reader.Position, "ServerHello extensions block is malformed"));
            var ext = new TlsReader(extensions, reader.Position - extensions.Length);
            while (ext.Remaining > 0)
            {
                if (!ext.TryU16(out var type) || !ext.TryVector16(out var data))
                    return Parsed<ServerHello, TlsParseError>.Fail(new(ext.Position, "ServerHello extension is truncated"));
                if (types.Contains(type))
                    return Parsed<ServerHello, TlsParseError>.Fail(new(ext.Position, $"ServerHello repeats extension {type}"));
                types.Add(type);
                switch (type)
                {
                    case 0xFF01:
                        secureRenegotiation = true;
                        break;
                    case 23:
                        extendedMasterSecret = true;
                        break;
                    case 43 when data.Length == 2:
                        version = (TlsVersion)((data[0] << 8) | data[1]);
                        break;
                    case 43:
                        return Parsed<ServerHello, TlsParseError>.Fail(new(ext.Position, "supported_versions in ServerHello is not one version"));
                    case 51 when data.Length >= 2:
                        group = (ushort)((data[0] << 8) | data[1]);
                        if (data.Length >= 4 && data.Length == 4 + ((data[2] << 8) | data[3]))
                            keyShare = data[4..].ToArray();
                        break;
                }
            }
        }
        if (!Enum.IsDefined(version) || version == TlsVersion.Ssl20)
            return Parsed<ServerHello, TlsParseError>.Fail(new(origin, $"ServerHello names an unknown version 0x{(ushort)version:X4}"));
        return Parsed<ServerHello, TlsParseError>.Ok(new ServerHello(version, suite, compression, retry, secureRenegotiation, extendedMasterSecret, group, types) { KeyShare = keyShare });
    }
}
