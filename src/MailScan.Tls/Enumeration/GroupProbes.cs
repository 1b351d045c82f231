namespace MailScan.Tls.Enumeration;

/// <summary>Probes for key-exchange groups (TLS 1.3 and ECDHE curves) and for the key-exchange signature hash.</summary>
internal sealed class GroupProbes(HelloRunner run, EnumerationMode mode)
{
    private const string Tls13Source = "TLS 1.3";
    private const string EcdheSource = "ECDHE";

    public async Task Tls13GroupsAsync(CancellationToken cancellationToken)
    {
        var suites = run.State.SuitesOf(TlsVersion.Tls13).ToList();
        await GroupsAsync(TlsNamedGroups.Tls13, Tls13Source,
            groups => run.Tls13(suites, groups), TlsVersion.Tls13, cancellationToken).ConfigureAwait(false);
    }

    public async Task CurvesAsync(TlsVersion version, CancellationToken cancellationToken)
    {
        var suites = run.State.Suites.Where(s => s.Version == version && TlsCipherSuites.Of(s.Code).KeyExchange is TlsKeyExchange.Ecdhe or TlsKeyExchange.EcdhAnonymous)
            .Select(s => s.Code).ToList();
        if (suites.Count == 0)
            return;
        await GroupsAsync(TlsNamedGroups.Curves, EcdheSource,
            groups => run.Legacy(version, suites, groups), version, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Full: remove the chosen group until refused. Verdict: one hello per class not yet seen.</summary>
    private async Task GroupsAsync(IReadOnlyList<ushort> candidates, string source, Func<IEnumerable<ushort>, Codec.ClientHelloSpec> hello, TlsVersion version, CancellationToken cancellationToken)
    {
        IEnumerable<ushort> Known() => run.State.Groups.Where(g => g.Source == source && g.Code is not null).Select(g => g.Code!.Value);
        if (mode == EnumerationMode.Full)
        {
            while (candidates.Except(Known()).ToList() is { Count: > 0 } rest)
            {
                var answer = await run.SendAsync(hello(SuiteOrdering.GroupsBestFirst(rest)), cancellationToken).ConfigureAwait(false);
                if (answer?.Hello?.Version != version)
                    return;
            }
            return;
        }
        await SuiteOrdering.ProbeBucketsAsync(candidates, TlsClassTable.Group, Known,
            async members => (await run.SendAsync(hello(SuiteOrdering.GroupsBestFirst(members)), cancellationToken).ConfigureAwait(false))?.Hello?.Version == version).ConfigureAwait(false);
    }

    /// <summary>TLS 1.2 hellos that allow only SHA-1, then only SHA-224, for signing the key exchange.</summary>
    public async Task<KeyExchangeHashResult> KeyExchangeHashAsync(CancellationToken cancellationToken)
    {
        var signed = run.State.Suites.Where(s => s.Version == TlsVersion.Tls12 && TlsCipherSuites.Of(s.Code).KeyExchange is TlsKeyExchange.Ecdhe or TlsKeyExchange.Dhe)
            .Select(s => s.Code).ToList();
        if (signed.Count == 0)
            return new KeyExchangeHashResult(false, null, null, [], "no signed ephemeral key exchange with TLS 1.2");
        // One hello allowing SHA-1 and SHA-224 only; a refusal settles both, a SHA-224 signature leaves SHA-1 to ask.
        var weak = await SignedWithAsync(signed, [.. TlsSignatureSchemes.Sha1Only, .. TlsSignatureSchemes.Sha224Only], cancellationToken).ConfigureAwait(false);
        if (run.State.Stopped)
            return new KeyExchangeHashResult(false, null, null, [], "not tested: the enumeration stopped early");
        bool sha1 = weak == "SHA-1", sha224 = weak == "SHA-224";
        if (weak == "SHA-224")
            sha1 = await SignedWithAsync(signed, TlsSignatureSchemes.Sha1Only, cancellationToken).ConfigureAwait(false) == "SHA-1";
        else if (weak == "SHA-1")
            sha224 = await SignedWithAsync(signed, TlsSignatureSchemes.Sha224Only, cancellationToken).ConfigureAwait(false) == "SHA-224";
        return new KeyExchangeHashResult(!run.State.Stopped, sha1, sha224, []);
    }

    /// <summary>The hash of the key-exchange signature when only these schemes are offered; null when refused.</summary>
    private async Task<string?> SignedWithAsync(List<ushort> suites, IReadOnlyList<ushort> schemes, CancellationToken cancellationToken)
    {
        var answer = await run.SendAsync(run.Legacy(TlsVersion.Tls12, suites, schemes: schemes), cancellationToken).ConfigureAwait(false);
        return answer?.KeyExchange?.SignatureScheme is { } scheme ? TlsSignatureSchemes.HashOf(scheme) : null;
    }
}
