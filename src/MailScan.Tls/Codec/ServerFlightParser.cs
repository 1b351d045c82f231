using MailScan.Parsing;

namespace MailScan.Tls.Codec;

/// <summary>
/// Parses the bytes a server sent after a ClientHello: records, the handshake messages in them
/// (ServerHello, Certificate, ServerKeyExchange, ServerHelloDone) and alerts, or an SSL 2.0
/// answer (<see cref="Ssl2ServerHelloParser"/>, told apart by its header). Pure and total: any
/// input yields a flight or an error with position, reason and fault; the fault
/// <see cref="TlsParseFault.EndsEarly"/> asks for more bytes.
/// </summary>
public static class ServerFlightParser
{
    /// <summary>More than any real first flight (certificate chains included).</summary>
    public const int MaxFlightBytes = 256 * 1024;

    private const int MaxRecordLength = 16384 + 2048;

    public static Parsed<ServerFlight, TlsParseError> Parse(ReadOnlySpan<byte> input)
    {
        if (input.Length > MaxFlightBytes)
            return Fail(MaxFlightBytes, "the server's first flight exceeds 256 KiB", TlsParseFault.TooLarge);
        if (Ssl2ServerHelloParser.LooksLikeSsl2(input))
            return Ssl2ServerHelloParser.Parse(input);
        var handshake = new List<byte>();
        var position = 0;
        var state = new FlightState();
        while (position < input.Length)
        {
            if (input.Length - position < 5)
                return Parsed<ServerFlight, TlsParseError>.Fail(TlsParseError.EndsEarlyAt(input.Length));
            var type = input[position];
            var length = (input[position + 3] << 8) | input[position + 4];
            if (input[position + 1] != 3)
                return Fail(position + 1, $"record version {input[position + 1]}.{input[position + 2]} is not SSL 3 / TLS", TlsParseFault.NotTls);
            if (length > MaxRecordLength)
                return Fail(position + 3, $"record length {length} exceeds the TLS limit", TlsParseFault.TooLarge);
            if (input.Length - position - 5 < length)
                return Parsed<ServerFlight, TlsParseError>.Fail(TlsParseError.EndsEarlyAt(input.Length));
            var payload = input.Slice(position + 5, length);
            var payloadAt = position + 5;
            position += 5 + length;
            switch (type)
            {
                case 21:
                    if (payload.Length < 2)
                        return Fail(payloadAt, "alert record shorter than 2 bytes", TlsParseFault.Malformed);
                    return Parsed<ServerFlight, TlsParseError>.Ok(state.Finish(new TlsAlert(payload[0], payload[1])));
                case 22:
                    handshake.AddRange(payload);
                    var step = state.Consume(handshake, 0);
                    if (step is not null)
                        return step;
                    break;
                case 20 or 23:
                    // ChangeCipherSpec or encrypted data: the clear part of the handshake is over.
                    return state.Hello is null
                        ? Fail(payloadAt, $"record type {type} before any ServerHello", TlsParseFault.OutOfOrder)
                        : Parsed<ServerFlight, TlsParseError>.Ok(state.Finish(null));
                default:
                    return Fail(position - length - 5, $"record type {type} is not TLS", TlsParseFault.NotTls);
            }
        }
        return Parsed<ServerFlight, TlsParseError>.Fail(TlsParseError.EndsEarlyAt(input.Length));
    }

    private static Parsed<ServerFlight, TlsParseError> Fail(int position, string reason, TlsParseFault fault) =>
        Parsed<ServerFlight, TlsParseError>.Fail(new(position, reason, fault));
}
