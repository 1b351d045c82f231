using MailScan.Tls.Codec;

namespace MailScan.Tls.Enumeration;

/// <summary>Sends hellos within the connection budget, checks the answers and feeds the state.</summary>
internal sealed class HelloRunner(HelloExchange exchange, EnumerationState state, int maxHellos, string? serverName, Action<Span<byte>> fillRandom)
{
    /// <summary>Suites per hello once a server has shown it cannot take large hellos.</summary>
    public const int CompactSuites = 48;

    public EnumerationState State => state;

    /// <summary>The last hello was refused without an alert (closed or silent): the sign of a server that cannot take it.</summary>
    public bool LastRefusalSilent { get; private set; }

    /// <summary>Whether hellos are cut to <see cref="CompactSuites"/> suites.</summary>
    public bool Compact { get; set; }

    /// <summary>A hello for TLS 1.3 only, with an empty key_share (answered by a HelloRetryRequest).</summary>
    public ClientHelloSpec Tls13(IEnumerable<ushort> suites, IEnumerable<ushort> groups) =>
        new(TlsVersion.Tls13, [.. suites], [.. groups], TlsSignatureSchemes.Modern, serverName, Random());

    /// <summary>A hello for TLS 1.2 or older; every curve and signature scheme unless told otherwise.</summary>
    public ClientHelloSpec Legacy(TlsVersion version, IEnumerable<ushort> suites, IEnumerable<ushort>? groups = null, IReadOnlyList<ushort>? schemes = null) =>
        new(version, [.. suites], [.. groups ?? TlsNamedGroups.Curves], schemes ?? TlsSignatureSchemes.All, serverName, Random());

    /// <summary>Sends a hello; null when the budget is spent or the server cannot be used any more.</summary>
    public async Task<ServerFlight?> SendAsync(ClientHelloSpec hello, CancellationToken cancellationToken)
    {
        if (Compact && hello.Suites.Count > CompactSuites)
            hello = hello with { Suites = [.. hello.Suites.Take(CompactSuites)] };
        var outcome = await ExchangeAsync(hello, cancellationToken).ConfigureAwait(false);
        if (outcome?.Flight?.Hello is not { } answer)
            return null;
        if (!hello.Suites.Contains(answer.CipherSuite) || answer.Version > hello.Version || answer.Version < TlsVersion.Ssl30)
        {
            state.Notes.Add($"hello {state.Hellos}: the server chose {TlsCipherSuites.Of(answer.CipherSuite).Name} with {TlsVersionNames.Of(answer.Version)}, which was not offered");
            return null;
        }
        state.Learn(answer, outcome.Flight);
        return outcome.Flight;
    }

    /// <summary>
    /// Sends an SSL 2.0 CLIENT-HELLO on a connection of its own: an SSL 2.0 SERVER-HELLO with
    /// version 2 is acceptance, any other answer a refusal; nothing is learnt when the budget is spent.
    /// </summary>
    public async Task Ssl2Async(CancellationToken cancellationToken)
    {
        var outcome = await ExchangeAsync(new ClientHelloSpec(TlsVersion.Ssl20, [], [], [], serverName, Random()), cancellationToken).ConfigureAwait(false);
        if (outcome is null)
            return;
        if (outcome.Flight?.Ssl2Hello is { SpeaksSsl2: true } hello)
            state.LearnSsl2(hello);
        else
            state.Refused.Add(TlsVersion.Ssl20);
    }

    /// <summary>One hello within the budget; null when it could not be sent or the server cannot be used any more.</summary>
    private async Task<HelloOutcome?> ExchangeAsync(ClientHelloSpec hello, CancellationToken cancellationToken)
    {
        if (state.Stopped)
            return null;
        if (state.Hellos >= maxHellos)
        {
            Stop($"connection budget of {maxHellos} hellos spent");
            return null;
        }
        state.Hellos++;
        var outcome = await exchange(hello, cancellationToken).ConfigureAwait(false);
        LastRefusalSilent = outcome.Flight is null && outcome.Untestable is null;
        if (outcome.Untestable is { } why)
        {
            Stop($"hello {state.Hellos}: {why}");
            return null;
        }
        return outcome;
    }

    private void Stop(string note)
    {
        state.Stopped = true;
        state.Notes.Add(note);
    }

    private byte[] Random()
    {
        var random = new byte[32];
        fillRandom(random);
        return random;
    }
}
