using System.Security.Cryptography;
using MailScan.Checks.Tls.Codec;

namespace MailScan.Checks.Tls.Renegotiation;

/// <summary>
/// Completes a TLS 1.2 handshake (ECDHE on a NIST curve, AES-GCM) after STARTTLS and then asks to
/// renegotiate, as a client would: a ServerHello means the server allows client-initiated
/// renegotiation; an alert or a closed connection means it refuses. Only what this test needs of
/// TLS is here: the server's signature and certificate are not checked.
/// </summary>
internal sealed class ClientRenegotiationTest(Stream stream, string? serverName, Action<Span<byte>> fillRandom)
{
    /// <summary>The suites this client can complete: ECDHE with AES-GCM.</summary>
    public static IReadOnlyList<ushort> Suites { get; } = [0xC02B, 0xC02C, 0xC02F, 0xC030];

    /// <summary>The groups it can use (.NET's ECDH on NIST curves).</summary>
    public static IReadOnlyList<ushort> Groups { get; } = [TlsNamedGroups.Secp256r1, TlsNamedGroups.Secp384r1, TlsNamedGroups.Secp521r1];

    private readonly TlsRecordReader _reader = new(stream);

    /// <summary>The result; null when the server takes none of the suites and curves this client can complete.</summary>
    public async Task<ClientRenegotiationResult?> RunAsync(CancellationToken cancellationToken)
    {
        var suites = Suites;
        var transcript = new List<byte>();
        var clientRandom = Random();
        var hello = ClientHelloWriter.Write(new ClientHelloSpec(TlsVersion.Tls12, suites, Groups, TlsSignatureSchemes.All, serverName, clientRandom) { OfferCompression = false });
        transcript.AddRange(hello.AsSpan(5).ToArray());
        await stream.WriteAsync(hello, cancellationToken).ConfigureAwait(false);

        var flight = await ServerFlightAsync(transcript, cancellationToken).ConfigureAwait(false);
        if (flight.Error is { } error)
            return error.StartsWith("alert", StringComparison.Ordinal) ? null : new ClientRenegotiationResult(null, $"the first handshake did not complete: {error}");
        var session = SessionMessages.Read(transcript.ToArray(), hello.Length - 5);
        if (flight.Hello is not { Version: TlsVersion.Tls12 } serverHello || !suites.Contains(serverHello.CipherSuite) || session is null || !Groups.Contains(session.Group))
            return null;

        using var ecdh = ECDiffieHellman.Create(Curve(session.Group));
        var keys = Keys(ecdh, session, serverHello, transcript, clientRandom, out var keyExchange);
        using var client = new GcmRecordProtection(keys.ClientKey, keys.ClientSalt);
        using var server = new GcmRecordProtection(keys.ServerKey, keys.ServerSalt);
        var clientVerify = keys.VerifyData("client finished", [.. transcript]);
        byte[] finished = [20, 0, 0, 12, .. clientVerify];
        await stream.WriteAsync((byte[])[.. TlsRecordReader.Record(22, keyExchange), .. TlsRecordReader.Record(20, [1]), .. TlsRecordReader.Record(22, client.Seal(22, finished))], cancellationToken).ConfigureAwait(false);
        transcript.AddRange(finished);

        if (!await ServerFinishedAsync(server, keys.VerifyData("server finished", [.. transcript]), cancellationToken).ConfigureAwait(false))
            return new ClientRenegotiationResult(null, "the first handshake did not complete: no valid Finished from the server");
        var again = ClientHelloWriter.Write(new ClientHelloSpec(TlsVersion.Tls12, suites, Groups, TlsSignatureSchemes.All, serverName, Random()) { OfferCompression = false, RenegotiationInfo = clientVerify });
        await stream.WriteAsync(TlsRecordReader.Record(22, client.Seal(22, again.AsSpan(5))), cancellationToken).ConfigureAwait(false);
        return await AnswerAsync(server, cancellationToken).ConfigureAwait(false);
    }

    private static HandshakeKeys Keys(ECDiffieHellman ecdh, SessionMessages session, ServerHello serverHello, List<byte> transcript, byte[] clientRandom, out byte[] keyExchange)
    {
        var q = ecdh.ExportParameters(false).Q;
        byte[] point = [4, .. q.X!, .. q.Y!];
        keyExchange = [16, 0, 0, (byte)(point.Length + 1), (byte)point.Length, .. point];
        transcript.AddRange(keyExchange);
        var n = q.X!.Length;
        using var peer = ECDiffieHellman.Create(new ECParameters { Curve = ecdh.ExportParameters(false).Curve, Q = new ECPoint { X = session.ServerPoint[1..(1 + n)], Y = session.ServerPoint[(1 + n)..] } });
        var preMaster = ecdh.DeriveRawSecretAgreement(peer.PublicKey);
        var suite = TlsCipherSuites.Of(serverHello.CipherSuite).Name;
        var hash = suite.EndsWith("SHA384", StringComparison.Ordinal) ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;
        var keyLength = suite.Contains("AES_256", StringComparison.Ordinal) ? 32 : 16;
        return HandshakeKeys.Derive(hash, keyLength, preMaster, serverHello.ExtendedMasterSecret, Tls12Prf.Hash(hash, [.. transcript]), clientRandom, session.ServerRandom);
    }

    /// <summary>Reads the server's first flight up to ServerHelloDone, adding its handshake bytes to the transcript.</summary>
    private async Task<(ServerHello? Hello, string? Error)> ServerFlightAsync(List<byte> transcript, CancellationToken cancellationToken)
    {
        var records = new List<byte>();
        while (await _reader.ReadAsync(cancellationToken).ConfigureAwait(false) is { } record)
        {
            if (record.Type != 22)
                return (null, record.Type == 21 && record.Payload.Length == 2 ? $"alert {new TlsAlert(record.Payload[0], record.Payload[1]).Name}" : $"record type {record.Type}");
            transcript.AddRange(record.Payload);
            records.AddRange(TlsRecordReader.Record(22, record.Payload));
            var parse = ServerFlightParser.Parse(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(records));
            if (parse.Error is { } error)
                return (null, error.ToString());
            if (parse.Flight is { Complete: true } flight)
                return (flight.Hello, null);
        }
        return (null, "the server closed the connection");
    }

    private async Task<bool> ServerFinishedAsync(GcmRecordProtection server, byte[] expected, CancellationToken cancellationToken)
    {
        var changed = false;
        while (await _reader.ReadAsync(cancellationToken).ConfigureAwait(false) is { } record)
        {
            if (record.Type == 20)
                changed = true;
            else if (record.Type == 22 && changed)
                return server.Open(22, record.Payload) is { Length: 16 } message && message[0] == 20 && message.AsSpan(4).SequenceEqual(expected);
            else if (record.Type != 22)
                return false; // an alert: the server refused our key exchange or Finished
        }
        return false;
    }

    /// <summary>The server's answer to the renegotiating hello.</summary>
    private async Task<ClientRenegotiationResult> AnswerAsync(GcmRecordProtection server, CancellationToken cancellationToken)
    {
        if (await _reader.ReadAsync(cancellationToken).ConfigureAwait(false) is not { } record)
            return new ClientRenegotiationResult(false, "the server closed the connection when asked to renegotiate");
        var plain = server.Open(record.Type, record.Payload);
        return (record.Type, plain) switch
        {
            (_, null) => new ClientRenegotiationResult(null, "the answer to the renegotiation could not be decrypted"),
            (22, [2, ..]) => new ClientRenegotiationResult(true, "the server answered a client's renegotiation with a ServerHello"),
            (21, [var level, var description]) => new ClientRenegotiationResult(false, $"the server refused with alert {new TlsAlert(level, description).Name}"),
            _ => new ClientRenegotiationResult(null, $"unexpected answer (record type {record.Type})"),
        };
    }

    private static ECCurve Curve(ushort group) => group switch
    {
        TlsNamedGroups.Secp384r1 => ECCurve.NamedCurves.nistP384,
        TlsNamedGroups.Secp521r1 => ECCurve.NamedCurves.nistP521,
        _ => ECCurve.NamedCurves.nistP256,
    };

    private byte[] Random()
    {
        var random = new byte[32];
        fillRandom(random);
        return random;
    }
}
