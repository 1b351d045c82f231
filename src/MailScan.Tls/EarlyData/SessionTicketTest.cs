using System.Security.Cryptography;
using MailScan.Tls.Codec;
using MailScan.Tls.Renegotiation;

namespace MailScan.Tls.EarlyData;

/// <summary>
/// Completes one TLS 1.3 handshake after STARTTLS (ECDHE on P-256; the certificate is not checked,
/// the session only read) and reads the first session ticket the server issues, to record whether
/// it allows 0-RTT. No early data is ever sent: probing 0-RTT on SMTP broke real mail servers.
/// After its Finished the client sends the caller's request inside TLS (SMTP's EHLO), so a server
/// that issues no ticket answers instead of leaving the test waiting; the caller's goodbye (QUIT)
/// follows once the ticket is read. The renegotiation
/// test's record layer frames and times the records: TLS 1.3 keeps TLS 1.2's outer record format,
/// and the protection is applied here.
/// </summary>
public sealed class SessionTicketTest(Stream stream, string? serverName, ApplicationLines lines, TimeSpan answerTimeout, Action<Span<byte>> fillRandom)
{
    private readonly List<byte> _transcript = [];
    private readonly HandshakeMessages _messages = new();

    /// <summary>The evidence; null when the server takes none of the suites, or not the group, this client can complete.</summary>
    public async Task<EarlyDataResult?> RunAsync(CancellationToken cancellationToken)
    {
        using var layer = new Tls12RecordLayer(stream, answerTimeout);
        using var ecdh = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var q = ecdh.ExportParameters(false).Q;
        var hello = ClientHelloWriter.Write(new ClientHelloSpec(TlsVersion.Tls13, [.. Tls13Suite.All.Select(s => s.Code)], [TlsNamedGroups.Secp256r1],
            TlsSignatureSchemes.All, serverName, Random())
        {
            KeyShare = (TlsNamedGroups.Secp256r1, [4, .. q.X!, .. q.Y!]),
        })[5..];
        _transcript.AddRange(hello);
        await layer.WriteAsync(22, hello, cancellationToken).ConfigureAwait(false);

        var (serverHello, failure) = await ServerHelloAsync(layer, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
            return new EarlyDataResult(null, failure);
        var suite = serverHello is null ? null : Tls13Suite.Of(serverHello.CipherSuite);
        if (serverHello is not { Version: TlsVersion.Tls13, HelloRetryRequest: false, SelectedGroup: TlsNamedGroups.Secp256r1, KeyShare: [4, ..] share }
            || share.Length != 65 || suite is null)
            return null;
        return await CompleteAsync(layer, suite, Shared(ecdh, share), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The encrypted part of the handshake, the client's Finished, then the ticket.</summary>
    private async Task<EarlyDataResult> CompleteAsync(Tls12RecordLayer layer, Tls13Suite suite, byte[] sharedSecret, CancellationToken cancellationToken)
    {
        var (clientSecret, serverSecret, master) = Tls13KeySchedule.HandshakeSecrets(suite.Hash, sharedSecret, Hash(suite));
        using (var serverHandshake = new Tls13RecordProtection(suite, serverSecret))
        {
            if (await ServerHandshakeAsync(layer, serverHandshake, suite, serverSecret, cancellationToken).ConfigureAwait(false) is { } failure)
                return new EarlyDataResult(null, $"the TLS 1.3 handshake did not complete: {failure}");
        }
        var (clientApplication, serverApplication) = Tls13KeySchedule.ApplicationSecrets(suite.Hash, master, Hash(suite));
        var verify = Tls13KeySchedule.FinishedVerifyData(suite.Hash, clientSecret, Hash(suite));
        using var clientHandshake = new Tls13RecordProtection(suite, clientSecret);
        using var client = new Tls13RecordProtection(suite, clientApplication);
        using var server = new Tls13RecordProtection(suite, serverApplication);
        // ChangeCipherSpec first, as middlebox-compatible clients send it (RFC 8446 §D.4).
        await stream.WriteAsync((byte[])[.. Tls12RecordLayer.Record(20, [1]), .. clientHandshake.Seal(22, [20, 0, 0, (byte)verify.Length, .. verify]),
            .. client.Seal(23, lines.Request.Span)], cancellationToken).ConfigureAwait(false);
        var result = await TicketAsync(layer, server, cancellationToken).ConfigureAwait(false);
        try
        {
            await stream.WriteAsync(client.Seal(23, lines.Goodbye.Span), cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The server went first; the evidence is in.
        }
        return result;
    }

    /// <summary>The ServerHello in the clear; null hello with null failure when the server refused the hello with an alert.</summary>
    private async Task<(ServerHello? Hello, string? Failure)> ServerHelloAsync(Tls12RecordLayer layer, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await layer.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (read is { State: RecordReadState.Record, Type: 21 })
                return (null, null);
            if (read is not { State: RecordReadState.Record, Type: 22, Plaintext: { } content })
                return (null, $"no ServerHello: {Describe(read)}");
            _messages.Add(content);
            if (!_messages.TryNext(out var message))
                return (null, "the server's first handshake message is longer than TLS allows");
            if (message is null)
                continue;
            if (message[0] != 2)
                return (null, $"the server's first handshake message is of type {message[0]}, not ServerHello");
            _transcript.AddRange(message);
            var (hello, error) = ServerHelloParser.Parse(message.AsSpan(4), 4);
            return hello is null ? (null, $"the ServerHello does not parse: {error}") : (hello, null);
        }
    }

    /// <summary>EncryptedExtensions up to the server's Finished, which must verify; null when it did, else why not.</summary>
    private async Task<string?> ServerHandshakeAsync(Tls12RecordLayer layer, Tls13RecordProtection protection, Tls13Suite suite, byte[] serverSecret, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await layer.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (read is { State: RecordReadState.Record, Type: 20 })
                continue; // the server's compatibility ChangeCipherSpec
            if (read is not { State: RecordReadState.Record, Type: 23, Plaintext: { } payload })
                return Describe(read);
            var opened = protection.Open(Header(payload.Length), payload);
            if (opened is not (22, var content))
                return opened is (21, [_, var alert]) ? $"alert {new TlsAlert(2, alert).Name}" : "a handshake record could not be decrypted";
            _messages.Add(content);
            while (true)
            {
                if (!_messages.TryNext(out var message))
                    return "a handshake message is longer than TLS allows";
                if (message is null)
                    break;
                if (message[0] == 20)
                {
                    var expected = Tls13KeySchedule.FinishedVerifyData(suite.Hash, serverSecret, Hash(suite));
                    _transcript.AddRange(message);
                    return message.AsSpan(4).SequenceEqual(expected) ? null : "the server's Finished does not verify";
                }
                _transcript.AddRange(message);
            }
        }
    }

    /// <summary>Reads after the handshake until the first NewSessionTicket, or the answer to EHLO that shows none came.</summary>
    private static async Task<EarlyDataResult> TicketAsync(Tls12RecordLayer layer, Tls13RecordProtection protection, CancellationToken cancellationToken)
    {
        var messages = new HandshakeMessages();
        while (true)
        {
            var read = await layer.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (read is not { State: RecordReadState.Record, Type: 23, Plaintext: { } payload })
                return new EarlyDataResult(null, $"no session ticket was read: {Describe(read)}");
            switch (protection.Open(Header(payload.Length), payload))
            {
                case null:
                    return new EarlyDataResult(null, "a record after the handshake could not be decrypted");
                case (23, _):
                    return new EarlyDataResult(false, "the server answered EHLO without issuing a session ticket, so no client can send it early data");
                case (21, [_, var alert]):
                    return new EarlyDataResult(null, $"the server sent alert {new TlsAlert(2, alert).Name} after the handshake");
                case (22, var content):
                    messages.Add(content);
                    if (TicketIn(messages) is { } result)
                        return result;
                    break;
            }
        }
    }

    /// <summary>The evidence from the first NewSessionTicket among the messages read so far; null when none has arrived whole.</summary>
    private static EarlyDataResult? TicketIn(HandshakeMessages messages)
    {
        while (messages.TryNext(out var message))
        {
            if (message is null)
                return null;
            if (message[0] != 4)
                continue; // KeyUpdate: nothing to record
            var (ticket, error) = NewSessionTicketParser.Parse(message.AsSpan(4), 4);
            return ticket switch
            {
                null => new EarlyDataResult(null, $"the session ticket does not parse: {error}"),
                { MaxEarlyDataSize: > 0 and var size } => new EarlyDataResult(true, $"the server's TLS 1.3 session ticket allows 0-RTT early data (max_early_data_size {size} bytes)")
                {
                    MaxEarlyDataSize = size,
                    TicketLifetime = ticket.Lifetime,
                },
                _ => new EarlyDataResult(false, "the server's TLS 1.3 session ticket does not allow early data") { MaxEarlyDataSize = ticket.MaxEarlyDataSize, TicketLifetime = ticket.Lifetime },
            };
        }
        return new EarlyDataResult(null, "a handshake message after the handshake is longer than TLS allows");
    }

    private static string Describe(RecordRead read) => read switch
    {
        { State: RecordReadState.Closed } => "the server closed the connection",
        { State: RecordReadState.Silent } => "the server stopped answering",
        { State: RecordReadState.NotTls } => "the server sent bytes that are not TLS",
        { Type: 21, Plaintext: [var level, var description] } => $"alert {new TlsAlert(level, description).Name}",
        _ => $"unexpected record type {read.Type}",
    };

    private static byte[] Header(int length) => [23, 3, 3, (byte)(length >> 8), (byte)length];

    private byte[] Hash(Tls13Suite suite) => Tls13KeySchedule.TranscriptHash(suite.Hash, [.. _transcript]);

    private static byte[] Shared(ECDiffieHellman ecdh, byte[] point)
    {
        using var peer = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = point[1..33], Y = point[33..] },
        });
        return ecdh.DeriveRawSecretAgreement(peer.PublicKey);
    }

    private byte[] Random()
    {
        var random = new byte[32];
        fillRandom(random);
        return random;
    }
}
