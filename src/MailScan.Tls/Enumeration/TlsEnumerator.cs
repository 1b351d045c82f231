namespace MailScan.Tls.Enumeration;

/// <summary>
/// Enumerates a server's TLS capabilities with raw hellos, one STARTTLS connection each, asking
/// no more than the verdicts need (or everything, in <see cref="EnumerationMode.Full"/>): TLS 1.3
/// through HelloRetryRequests (no key is ever computed), then the highest version up to TLS 1.2
/// and each older one, SSL 2.0 with a hello of its own format, the suites of each version, the server's order, the groups and the hash
/// the server signs its key exchange with. Every hello offers many suites and the chosen one is
/// removed for the next, so a connection always teaches something.
/// </summary>
public sealed class TlsEnumerator(EnumerationMode mode, int maxHellos, string? serverName, Action<Span<byte>> fillRandom)
{
    private static readonly TlsVersion[] Legacy = [TlsVersion.Tls12, TlsVersion.Tls11, TlsVersion.Tls10, TlsVersion.Ssl30];

    public async Task<TlsEvaluation> RunAsync(HelloExchange exchange, CancellationToken cancellationToken)
    {
        var state = new EnumerationState();
        var run = new HelloRunner(exchange, state, maxHellos, serverName, fillRandom);
        var probes = new GroupProbes(run, mode);
        await Tls13Async(run, probes, cancellationToken).ConfigureAwait(false);
        await VersionsAsync(run, cancellationToken).ConfigureAwait(false);
        await run.Ssl2Async(cancellationToken).ConfigureAwait(false);
        var top = state.Versions.Where(IsTlsUpTo12).DefaultIfEmpty().Max();
        foreach (var version in state.Versions.Where(IsTlsUpTo12).Reverse().ToList())
        {
            if (version == top || mode == EnumerationMode.Full)
                await SuitesAsync(run, version, TlsCipherSuites.Offerable(version).Select(s => s.Code), cancellationToken).ConfigureAwait(false);
        }
        CipherOrderResult? order = null;
        var hash = new KeyExchangeHashResult(false, null, null, [], "no TLS 1.2 key exchange to test");
        if (top != default)
        {
            order = await new CipherOrderProbe(run, mode).RunAsync(top, cancellationToken).ConfigureAwait(false);
            await probes.CurvesAsync(top, cancellationToken).ConfigureAwait(false);
            if (top == TlsVersion.Tls12)
                hash = await probes.KeyExchangeHashAsync(cancellationToken).ConfigureAwait(false);
        }
        return Build(state, order, hash with { SchemesSeen = [.. state.SchemesSeen] });
    }

    // SSL 2.0 has suites, groups and an order of its own kind: only its acceptance is asked.
    private static bool IsTlsUpTo12(TlsVersion version) => version is >= TlsVersion.Ssl30 and <= TlsVersion.Tls12;

    private async Task Tls13Async(HelloRunner run, GroupProbes probes, CancellationToken cancellationToken)
    {
        var suites = TlsCipherSuites.Offerable(TlsVersion.Tls13).Select(s => s.Code).ToList();
        var first = await run.SendAsync(run.Tls13(SuiteOrdering.BestFirst(suites), SuiteOrdering.GroupsBestFirst(TlsNamedGroups.Tls13)), cancellationToken).ConfigureAwait(false);
        if (first is null)
        {
            if (!run.State.Stopped)
                run.State.Refused.Add(TlsVersion.Tls13);
            return;
        }
        await SuitesAsync(run, TlsVersion.Tls13, suites, cancellationToken).ConfigureAwait(false);
        await probes.Tls13GroupsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One hello per version up to TLS 1.2, highest first, each offering every version up to it:
    /// an answer with a lower version settles the ones between, and a refusal the ones below too
    /// (a server that negotiates versions answers a higher offer with the highest it has).
    /// </summary>
    private static async Task VersionsAsync(HelloRunner run, CancellationToken cancellationToken)
    {
        var version = TlsVersion.Tls12;
        while (version >= TlsVersion.Ssl30 && !run.State.Stopped)
        {
            var suites = SuiteOrdering.BestFirst(TlsCipherSuites.Offerable(version).Select(s => s.Code));
            var answer = await run.SendAsync(run.Legacy(version, suites), cancellationToken).ConfigureAwait(false);
            if (answer is null && run.LastRefusalSilent && !run.Compact && !run.State.Stopped)
                answer = await CompactAsync(run, version, suites, cancellationToken).ConfigureAwait(false);
            if (run.State.Stopped)
                return;
            var answered = answer?.Hello?.Version;
            foreach (var refused in Legacy.Where(v => v <= version && (answered is null || v > answered)))
                run.State.Refused.Add(refused);
            if (answered is null)
                return;
            version = answered.Value - 1;
        }
    }

    /// <summary>
    /// A server that drops a hello without an alert may not cope with its size (some stacks fail on
    /// long suite lists): ask once more with the best suites only, and keep hellos that short.
    /// </summary>
    private static async Task<Codec.ServerFlight?> CompactAsync(HelloRunner run, TlsVersion version, IEnumerable<ushort> suites, CancellationToken cancellationToken)
    {
        run.Compact = true;
        var answer = await run.SendAsync(run.Legacy(version, suites), cancellationToken).ConfigureAwait(false);
        if (answer is null)
            run.Compact = false;
        else
            run.State.Notes.Add($"the server dropped a hello with many suites; hellos were cut to {HelloRunner.CompactSuites} suites");
        return answer;
    }

    /// <summary>Full: remove the chosen suite until the server refuses. Verdict: one hello per class not yet seen.</summary>
    private async Task SuitesAsync(HelloRunner run, TlsVersion version, IEnumerable<ushort> candidates, CancellationToken cancellationToken)
    {
        var all = candidates.ToList();
        if (mode == EnumerationMode.Full)
        {
            while (all.Except(run.State.SuitesOf(version)).ToList() is { Count: > 0 } rest)
            {
                if (await SendAtAsync(run, version, rest, cancellationToken).ConfigureAwait(false) is null)
                    return;
            }
            return;
        }
        await SuiteOrdering.ProbeBucketsAsync(all, s => TlsClassTable.Suite(TlsCipherSuites.Of(s)), () => run.State.SuitesOf(version),
            async members => await SendAtAsync(run, version, members, cancellationToken).ConfigureAwait(false) is not null).ConfigureAwait(false);
    }

    /// <summary>A hello for exactly this version; null unless the server accepted it with that version.</summary>
    internal static async Task<Codec.ServerFlight?> SendAtAsync(HelloRunner run, TlsVersion version, IEnumerable<ushort> suites, CancellationToken cancellationToken)
    {
        var ordered = SuiteOrdering.BestFirst(suites);
        var hello = version == TlsVersion.Tls13
            ? run.Tls13(ordered, SuiteOrdering.GroupsBestFirst(TlsNamedGroups.Tls13))
            : run.Legacy(version, ordered);
        var answer = await run.SendAsync(hello, cancellationToken).ConfigureAwait(false);
        return answer?.Hello?.Version == version ? answer : null;
    }

    private TlsEvaluation Build(EnumerationState state, CipherOrderResult? order, KeyExchangeHashResult hash) => new(
        mode.ToString(), state.Hellos, !state.Stopped,
        [.. state.Versions.Reverse()], [.. state.Refused.Reverse()],
        [.. state.Suites.OrderByDescending(s => s.Version).ThenBy(s => s.Class).ThenBy(s => s.Code)],
        order, [.. state.Groups], hash,
        state.Compression, state.SecureRenegotiation, state.ExtendedMasterSecret,
        [.. state.Certificates], [.. state.Notes])
    {
        Ssl2CipherKinds = [.. state.Ssl2CipherKinds],
    };
}
