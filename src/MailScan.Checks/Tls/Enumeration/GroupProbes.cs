namespace MailScan.Checks.Tls.Enumeration;

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
        foreach (var bucket in SuiteOrdering.Buckets)
        {
            var members = candidates.Where(g => bucket(TlsClassTable.Group(g))).ToList();
            if (members.Count > 0 && !members.Intersect(Known()).Any())
                await run.SendAsync(hello(SuiteOrdering.GroupsBestFirst(members)), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>TLS 1.2 hellos that allow only SHA-1, then only SHA-224, for signing the key exchange.</summary>
    public async Task<KeyExchangeHashResult> KeyExchangeHashAsync(CancellationToken cancellationToken)
    {
        var signed = run.State.Suites.Where(s => s.Version == TlsVersion.Tls12 && TlsCipherSuites.Of(s.Code).KeyExchange is TlsKeyExchange.Ecdhe or TlsKeyExchange.Dhe)
            .Select(s => s.Code).ToList();
        if (signed.Count == 0)
            return new KeyExchangeHashResult(false, null, null, [], "no signed ephemeral key exchange with TLS 1.2");
        var sha1 = await SignsWithAsync(signed, TlsSignatureSchemes.Sha1Only, "SHA-1", cancellationToken).ConfigureAwait(false);
        var sha224 = await SignsWithAsync(signed, TlsSignatureSchemes.Sha224Only, "SHA-224", cancellationToken).ConfigureAwait(false);
        return new KeyExchangeHashResult(sha1 is not null && sha224 is not null, sha1, sha224, []);
    }

    private async Task<bool?> SignsWithAsync(List<ushort> suites, IReadOnlyList<ushort> schemes, string hash, CancellationToken cancellationToken)
    {
        var answer = await run.SendAsync(run.Legacy(TlsVersion.Tls12, suites, schemes: schemes), cancellationToken).ConfigureAwait(false);
        if (run.State.Stopped)
            return null;
        return answer?.KeyExchange?.SignatureScheme is { } scheme && TlsSignatureSchemes.HashOf(scheme) == hash;
    }
}
