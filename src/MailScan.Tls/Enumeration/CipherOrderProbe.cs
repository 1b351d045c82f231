namespace MailScan.Tls.Enumeration;

/// <summary>
/// Whether the server chooses by its own order and prefers stronger classes: the accepted suites
/// offered worst-first and then best-first must both give the same suite, of the best class accepted.
/// </summary>
internal sealed class CipherOrderProbe(HelloRunner run, EnumerationMode mode)
{
    public async Task<CipherOrderResult> RunAsync(TlsVersion version, CancellationToken cancellationToken)
    {
        if (mode == EnumerationMode.Verdict && run.State.SuitesOf(version).Count() == 1)
        {
            var others = TlsCipherSuites.Offerable(version).Select(s => s.Code).Except(run.State.SuitesOf(version));
            await TlsEnumerator.SendAtAsync(run, version, others, cancellationToken).ConfigureAwait(false);
        }
        var accepted = run.State.SuitesOf(version).ToList();
        if (accepted.Count < 2)
            return new CipherOrderResult(version, false, null, null, null, null, run.State.Stopped ? "not tested: the enumeration stopped early" : CipherOrderResult.OnlyOneSuiteNote);

        var worstFirst = SuiteOrdering.WorstFirst(accepted).ToList();
        var bestFirst = SuiteOrdering.BestFirst(accepted).ToList();
        if (worstFirst.SequenceEqual(bestFirst))
            bestFirst.Reverse();
        var first = await ChooseAsync(version, worstFirst, cancellationToken).ConfigureAwait(false);
        var second = first is null ? null : await ChooseAsync(version, bestFirst, cancellationToken).ConfigureAwait(false);
        if (first is null || second is null)
            return new CipherOrderResult(version, false, null, null, first?.Name, second?.Name, "not tested: a hello with accepted suites was refused");

        var best = accepted.Select(s => TlsClassTable.Suite(TlsCipherSuites.Of(s))).Min();
        var stronger = TlsClassTable.Suite(first) == best && TlsClassTable.Suite(second) == best;
        return new CipherOrderResult(version, true, first.Code == second.Code, stronger, first.Name, second.Name);
    }

    private async Task<TlsCipherSuite?> ChooseAsync(TlsVersion version, IReadOnlyList<ushort> ordered, CancellationToken cancellationToken)
    {
        var answer = await run.SendAsync(run.Legacy(version, ordered), cancellationToken).ConfigureAwait(false);
        return answer?.Hello is { } hello && hello.Version == version ? TlsCipherSuites.Of(hello.CipherSuite) : null;
    }
}
