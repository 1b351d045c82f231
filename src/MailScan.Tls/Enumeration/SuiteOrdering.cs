namespace MailScan.Tls.Enumeration;

/// <summary>Orders and groups suites and named groups by class for hellos.</summary>
internal static class SuiteOrdering
{
    /// <summary>The class buckets the verdict mode probes, worst first: insufficient, phase out, good or sufficient.</summary>
    public static IReadOnlyList<Func<TlsClass, bool>> Buckets { get; } =
        [c => c == TlsClass.Insufficient, c => c == TlsClass.PhaseOut, c => c is TlsClass.Good or TlsClass.Sufficient];

    /// <summary>
    /// The verdict mode's probing: one hello offering every class not yet seen; when the server
    /// picks one, that class is seen and the others are offered again; a refusal settles them all.
    /// Known classes are skipped: a modern server costs one refused hello.
    /// </summary>
    public static async Task ProbeBucketsAsync(IReadOnlyList<ushort> candidates, Func<ushort, TlsClass> classOf, Func<IEnumerable<ushort>> known, Func<IReadOnlyList<ushort>, Task<bool>> offer)
    {
        var pending = Buckets.Where(b => !known().Any(k => b(classOf(k)))).ToList();
        while (pending.Count > 0)
        {
            var members = candidates.Where(c => pending.Any(b => b(classOf(c)))).ToList();
            if (members.Count == 0 || !await offer(members).ConfigureAwait(false))
                return;
            var seen = pending.Where(b => known().Any(k => b(classOf(k)))).ToList();
            if (seen.Count == 0)
                return;
            pending.RemoveAll(seen.Contains);
        }
    }

    public static IEnumerable<ushort> BestFirst(IEnumerable<ushort> suites) =>
        suites.OrderBy(s => TlsClassTable.Suite(TlsCipherSuites.Of(s))).ThenBy(s => s);

    public static IEnumerable<ushort> WorstFirst(IEnumerable<ushort> suites) =>
        suites.OrderByDescending(s => TlsClassTable.Suite(TlsCipherSuites.Of(s))).ThenBy(s => s);

    public static IEnumerable<ushort> GroupsBestFirst(IEnumerable<ushort> groups) =>
        groups.OrderBy(TlsClassTable.Group).ThenBy(g => g);
}
