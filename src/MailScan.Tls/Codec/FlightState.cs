using MailScan.Parsing;

namespace MailScan.Tls.Codec;

/// <summary>The handshake messages of one server flight as they are parsed, message by message.</summary>
internal sealed class FlightState
{
    private const int MaxCertificates = 16;
    private int _consumed;
    private readonly List<byte[]> _certificates = [];
    private ServerKeyExchange? _keyExchange;

    public ServerHello? Hello { get; private set; }

    public ServerFlight Finish(TlsAlert? alert) =>
        new(Hello, _certificates, _keyExchange, alert, alert is null);

    /// <summary>Parses every complete message not yet seen; returns a final result or null to read on.</summary>
    public Parsed<ServerFlight, TlsParseError>? Consume(List<byte> handshake, int origin)
    {
        var bytes = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(handshake);
        while (bytes.Length - _consumed >= 4)
        {
            var type = bytes[_consumed];
            var length = (bytes[_consumed + 1] << 16) | (bytes[_consumed + 2] << 8) | bytes[_consumed + 3];
            if (bytes.Length - _consumed - 4 < length)
                return null;
            var at = origin + _consumed + 4;
            var body = bytes.Slice(_consumed + 4, length);
            _consumed += 4 + length;
            var error = Message(type, body, at);
            if (error is not null)
                return Parsed<ServerFlight, TlsParseError>.Fail(error);
            if (Hello is { } hello && (hello.HelloRetryRequest || hello.Version == TlsVersion.Tls13))
                return Parsed<ServerFlight, TlsParseError>.Ok(Finish(null));
            if (type == 14)
                return Parsed<ServerFlight, TlsParseError>.Ok(Finish(null));
        }
        return null;
    }

    private TlsParseError? Message(byte type, ReadOnlySpan<byte> body, int at)
    {
        if (Hello is null && type != 2)
            return new(at, $"handshake message {type} before the ServerHello", TlsParseFault.OutOfOrder);
        switch (type)
        {
            case 2 when Hello is not null:
                return new(at, "a second ServerHello", TlsParseFault.OutOfOrder);
            case 2:
                var (hello, error) = ServerHelloParser.Parse(body, at);
                Hello = hello;
                return error;
            case 11:
                return Certificates(body, at);
            case 12:
                var suite = TlsCipherSuites.Of(Hello!.CipherSuite);
                if (!ServerKeyExchangeParser.IsEphemeral(suite))
                    return null; // no ephemeral key to read
                var (kex, kexError) = ServerKeyExchangeParser.Parse(body, at, suite, Hello.Version);
                _keyExchange = kex;
                return kexError;
            default:
                return null; // CertificateRequest, CertificateStatus, ...: not needed
        }
    }

    private TlsParseError? Certificates(ReadOnlySpan<byte> body, int at)
    {
        var reader = new TlsReader(body, at);
        if (!reader.TryU24(out var total) || total != reader.Remaining)
            return new(reader.Position, "Certificate list length does not match the message");
        while (reader.Remaining > 0)
        {
            if (!reader.TryU24(out var length) || !reader.TryBytes(length, out var der) || length == 0)
                return new(reader.Position, "Certificate entry is truncated");
            if (_certificates.Count < MaxCertificates)
                _certificates.Add(der.ToArray());
        }
        return null;
    }
}
