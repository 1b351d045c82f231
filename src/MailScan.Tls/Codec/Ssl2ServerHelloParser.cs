using MailScan.Parsing;

namespace MailScan.Tls.Codec;

/// <summary>
/// Parses a server's answer to an SSL 2.0 CLIENT-HELLO: one record with a two-byte header (high
/// bit set) holding a SERVER-HELLO or an ERROR. Pure and total: any input yields a flight (with
/// <see cref="ServerFlight.Ssl2Hello"/> or <see cref="ServerFlight.Ssl2Error"/>) or an error with
/// position, reason and fault (<see cref="TlsParseFault.EndsEarly"/>: read more).
/// </summary>
public static class Ssl2ServerHelloParser
{
    private const byte Error = 0;
    private const byte ServerHello = 4;

    /// <summary>Whether bytes from a server begin with an SSL 2.0 two-byte record header (no TLS record type has the high bit set).</summary>
    public static bool LooksLikeSsl2(ReadOnlySpan<byte> input) => input.Length > 0 && (input[0] & 0x80) != 0;

    public static Parsed<ServerFlight, TlsParseError> Parse(ReadOnlySpan<byte> input)
    {
        if (input.Length < 2)
            return Parsed<ServerFlight, TlsParseError>.Fail(TlsParseError.EndsEarlyAt(input.Length));
        if (!LooksLikeSsl2(input))
            return Fail(0, "no SSL 2.0 two-byte record header", TlsParseFault.NotTls);
        var length = ((input[0] & 0x7F) << 8) | input[1];
        if (length == 0)
            return Fail(0, "SSL 2.0 record of length 0");
        if (input.Length - 2 < length)
            return Parsed<ServerFlight, TlsParseError>.Fail(TlsParseError.EndsEarlyAt(input.Length));
        var reader = new TlsReader(input.Slice(2, length), 2);
        reader.TryU8(out var type);
        return type switch
        {
            Error => ErrorMessage(ref reader),
            ServerHello => Hello(ref reader),
            _ => Fail(2, $"SSL 2.0 message type {type} is neither SERVER-HELLO nor ERROR", TlsParseFault.NotTls),
        };
    }

    private static Parsed<ServerFlight, TlsParseError> ErrorMessage(ref TlsReader reader)
    {
        if (!reader.TryU16(out var code) || reader.Remaining != 0)
            return Fail(reader.Position, "SSL 2.0 ERROR message is not two bytes of error code");
        return Parsed<ServerFlight, TlsParseError>.Ok(new ServerFlight(null, [], null, null, true) { Ssl2Error = new Ssl2Error(code) });
    }

    private static Parsed<ServerFlight, TlsParseError> Hello(ref TlsReader reader)
    {
        if (!reader.TryU8(out var hit) || !reader.TryU8(out var certificateType) || !reader.TryU16(out var version)
            || !reader.TryU16(out var certificateLength) || !reader.TryU16(out var cipherLength) || !reader.TryU16(out var connectionIdLength))
            return Fail(reader.Position, "SSL 2.0 SERVER-HELLO too short for its fixed fields");
        if (hit > 1)
            return Fail(reader.Position, $"SSL 2.0 SERVER-HELLO session-id-hit is {hit}, not 0 or 1");
        if (cipherLength % 3 != 0)
            return Fail(reader.Position, $"SSL 2.0 cipher specs length {cipherLength} is not a multiple of 3");
        if (connectionIdLength is < 16 or > 32)
            return Fail(reader.Position, $"SSL 2.0 connection id of {connectionIdLength} bytes (16 to 32 allowed)");
        if (reader.Remaining != certificateLength + cipherLength + connectionIdLength)
            return Fail(reader.Position, $"SSL 2.0 SERVER-HELLO holds {reader.Remaining} bytes after its fixed fields, its lengths say {certificateLength + cipherLength + connectionIdLength}");
        reader.TryBytes(certificateLength, out var certificate);
        reader.TryBytes(cipherLength, out var ciphers);
        var kinds = new List<int>(cipherLength / 3);
        for (var i = 0; i < ciphers.Length; i += 3)
            kinds.Add((ciphers[i] << 16) | (ciphers[i + 1] << 8) | ciphers[i + 2]);
        var hello = new Ssl2ServerHello(hit == 1, certificateType, version, certificate.ToArray(), kinds, connectionIdLength);
        return Parsed<ServerFlight, TlsParseError>.Ok(new ServerFlight(null, [], null, null, true) { Ssl2Hello = hello });
    }

    private static Parsed<ServerFlight, TlsParseError> Fail(int position, string reason, TlsParseFault fault = TlsParseFault.Malformed) =>
        Parsed<ServerFlight, TlsParseError>.Fail(new(position, reason, fault));
}
