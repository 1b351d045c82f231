namespace MailScan.Tls.Renegotiation;

/// <summary>
/// Completes a TLS 1.2 handshake after STARTTLS and then renegotiates on the same connection, as a
/// client would, up to <see cref="MaxRenegotiations"/> times, to see whether the server allows
/// client-initiated renegotiation and whether it cuts a client off after a few. One connection
/// only, and every renegotiation is a whole handshake the server completes or refuses.
/// </summary>
public sealed class ClientRenegotiationTest(Stream stream, string? serverName, TimeSpan answerTimeout, Action<Span<byte>> fillRandom)
{
    /// <summary>
    /// Eleven, as sslyze asks (the tool Internet.nl uses): a server that stops a client within ten
    /// renegotiations has a low limit; one that completes eleven has none worth the name.
    /// </summary>
    public const int MaxRenegotiations = 11;

    /// <summary>The result; null when the server takes none of the suites and curves this client can complete.</summary>
    public async Task<ClientRenegotiationResult?> RunAsync(CancellationToken cancellationToken)
    {
        using var layer = new Tls12RecordLayer(stream, answerTimeout);
        var handshake = new Tls12ClientHandshake(layer, serverName, fillRandom);
        var first = await handshake.RunAsync([], cancellationToken).ConfigureAwait(false);
        if (first.End is HandshakeEnd.Unsupported)
            return null;
        if (first.End is not HandshakeEnd.Completed)
            return new ClientRenegotiationResult(null, $"the first handshake did not complete: {first.Detail}");

        var last = first;
        for (var completed = 0; completed < MaxRenegotiations; completed++)
        {
            var next = await handshake.RunAsync(last.ClientVerify, cancellationToken).ConfigureAwait(false);
            if (next.End is not HandshakeEnd.Completed)
                return Ended(completed, next);
            last = next;
        }
        return new ClientRenegotiationResult(true, $"the server completed all {MaxRenegotiations} renegotiations asked for on one connection")
        {
            Completed = MaxRenegotiations,
            Asked = MaxRenegotiations,
        };
    }

    private static ClientRenegotiationResult Ended(int completed, HandshakeOutcome next)
    {
        var refused = next.End is HandshakeEnd.Refused;
        var detail = (completed, refused) switch
        {
            (0, true) => $"the server refused the first renegotiation ({next.Detail})",
            (0, false) => $"the answer to the first renegotiation could not be read ({next.Detail})",
            (_, true) => $"the server completed {completed} renegotiation{(completed == 1 ? "" : "s")} and refused the next ({next.Detail})",
            (_, false) => $"the server completed {completed} renegotiation{(completed == 1 ? "" : "s")}, then the test broke off ({next.Detail})",
        };
        bool? allowed = completed > 0 ? true : refused ? false : null;
        return new ClientRenegotiationResult(allowed, detail) { Completed = completed, Asked = MaxRenegotiations, CutOff = refused };
    }
}
