using System.Runtime.InteropServices;
using System.Security.Cryptography;
using MailScan.Tls.Codec;

namespace MailScan.Tls.Renegotiation;

/// <summary>
/// One full TLS 1.2 handshake as a client (ECDHE on a NIST curve, AES-GCM) over the record layer:
/// the first one in the clear, a renegotiation under the keys of the one before. Only what the
/// renegotiation test needs of TLS is here: the server's signature and certificate are not checked.
/// </summary>
internal sealed class Tls12ClientHandshake(Tls12RecordLayer layer, string? serverName, Action<Span<byte>> fillRandom)
{
    /// <summary>The suites this client can complete: ECDHE with AES-GCM.</summary>
    public static IReadOnlyList<ushort> Suites { get; } = [0xC02B, 0xC02C, 0xC02F, 0xC030];

    /// <summary>The groups it can use (.NET's ECDH on NIST curves).</summary>
    public static IReadOnlyList<ushort> Groups { get; } = [TlsNamedGroups.Secp256r1, TlsNamedGroups.Secp384r1, TlsNamedGroups.Secp521r1];

    /// <summary>Runs a handshake; <paramref name="renegotiationInfo"/> is empty on the first, the last client verify_data on a renegotiation (RFC 5746).</summary>
    public async Task<HandshakeOutcome> RunAsync(byte[] renegotiationInfo, CancellationToken cancellationToken)
    {
        var clientRandom = Random();
        var hello = ClientHelloWriter.Write(new ClientHelloSpec(TlsVersion.Tls12, Suites, Groups, TlsSignatureSchemes.All, serverName, clientRandom)
        {
            OfferCompression = false,
            RenegotiationInfo = renegotiationInfo,
        })[5..];
        var transcript = new List<byte>(hello);
        await layer.WriteAsync(22, hello, cancellationToken).ConfigureAwait(false);

        var (serverHello, failure) = await ServerFlightAsync(transcript, cancellationToken).ConfigureAwait(false);
        // An alert to the first hello says the server takes none of these suites or curves; to a renegotiating hello it is a refusal.
        if (failure is { Alert: not null } && renegotiationInfo.Length == 0)
            return HandshakeOutcome.Ended(HandshakeEnd.Unsupported, $"the server refused the hello: {failure.Detail}");
        if (failure is not null)
            return failure;
        var session = SessionMessages.Read([.. transcript], hello.Length);
        if (serverHello is not { Version: TlsVersion.Tls12 } || !Suites.Contains(serverHello.CipherSuite) || session is null || !Groups.Contains(session.Group))
            return HandshakeOutcome.Ended(HandshakeEnd.Unsupported, "the server chose a suite or group this test cannot complete");

        using var ecdh = ECDiffieHellman.Create(Curve(session.Group));
        var keys = Keys(ecdh, session, serverHello, transcript, clientRandom, out var keyExchange);
        var clientVerify = keys.VerifyData("client finished", [.. transcript]);
        byte[] finished = [20, 0, 0, 12, .. clientVerify];
        await layer.WriteAsync(22, keyExchange, cancellationToken).ConfigureAwait(false);
        await layer.WriteAsync(20, [1], cancellationToken).ConfigureAwait(false);
        layer.ChangeWrite(new GcmRecordProtection(keys.ClientKey, keys.ClientSalt));
        await layer.WriteAsync(22, finished, cancellationToken).ConfigureAwait(false);
        transcript.AddRange(finished);

        var serverVerify = keys.VerifyData("server finished", [.. transcript]);
        return await ServerFinishedAsync(new GcmRecordProtection(keys.ServerKey, keys.ServerSalt), serverVerify, cancellationToken).ConfigureAwait(false)
            ?? HandshakeOutcome.Completed(clientVerify, serverVerify);
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

    /// <summary>Reads the server's flight up to ServerHelloDone, adding its handshake bytes to the transcript.</summary>
    private async Task<(ServerHello? Hello, HandshakeOutcome? Failure)> ServerFlightAsync(List<byte> transcript, CancellationToken cancellationToken)
    {
        var records = new List<byte>();
        while (true)
        {
            var read = await layer.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (read.State != RecordReadState.Record || read.Type != 22 || read.Plaintext is null)
                return (null, Unexpected(read));
            transcript.AddRange(read.Plaintext);
            records.AddRange(Tls12RecordLayer.Record(22, read.Plaintext));
            var parse = ServerFlightParser.Parse(CollectionsMarshal.AsSpan(records));
            if (parse.Error is { NeedsMore: false } error)
                return (null, HandshakeOutcome.Ended(HandshakeEnd.Broken, error.ToString()));
            if (parse.Value is { Complete: true } flight)
                return (flight.Hello, null);
        }
    }

    /// <summary>Null when the server's ChangeCipherSpec and a Finished with the expected verify_data arrived; else how it ended.</summary>
    private async Task<HandshakeOutcome?> ServerFinishedAsync(GcmRecordProtection serverKeys, byte[] expected, CancellationToken cancellationToken)
    {
        var changed = false;
        try
        {
            while (true)
            {
                var read = await layer.ReadAsync(cancellationToken).ConfigureAwait(false);
                if (read is { State: RecordReadState.Record, Type: 20, Plaintext: [1] } && !changed)
                {
                    layer.ChangeRead(serverKeys);
                    changed = true;
                }
                else if (read is { State: RecordReadState.Record, Type: 22, Plaintext: { } message } && changed)
                {
                    return message is [20, 0, 0, 12, ..] && message.AsSpan(4).SequenceEqual(expected)
                        ? null
                        : HandshakeOutcome.Ended(HandshakeEnd.Broken, "the server's Finished does not verify");
                }
                else if (read is not { State: RecordReadState.Record, Type: 22 })
                    return Unexpected(read); // an alert: the server refused our key exchange or Finished
            }
        }
        finally
        {
            if (!changed)
                serverKeys.Dispose();
        }
    }

    private static HandshakeOutcome Unexpected(RecordRead read) => read switch
    {
        { State: RecordReadState.Closed } => HandshakeOutcome.Ended(HandshakeEnd.Refused, "the server closed the connection"),
        { State: RecordReadState.Silent } => HandshakeOutcome.Ended(HandshakeEnd.Refused, "the server stopped answering"),
        { State: RecordReadState.NotTls } => HandshakeOutcome.Ended(HandshakeEnd.Broken, "the server sent bytes that are not TLS"),
        { Plaintext: null } => HandshakeOutcome.Ended(HandshakeEnd.Broken, "the server's answer could not be decrypted"),
        { Type: 21, Plaintext: [var level, var description] } => HandshakeOutcome.Alerted(new TlsAlert(level, description)),
        _ => HandshakeOutcome.Ended(HandshakeEnd.Broken, $"unexpected record type {read.Type}"),
    };

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
