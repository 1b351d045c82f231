namespace MailScan.Checks.Tls.Enumeration;

/// <summary>Orders and groups suites and named groups by class for hellos.</summary>
internal static class SuiteOrdering
{
    /// <summary>The class buckets the verdict mode probes, worst first: insufficient, phase out, good or sufficient.</summary>
    public static IReadOnlyList<Func<TlsClass, bool>> Buckets { get; } =
        [c => c == TlsClass.Insufficient, c => c == TlsClass.PhaseOut, c => c is TlsClass.Good or TlsClass.Sufficient];

    public static IEnumerable<ushort> BestFirst(IEnumerable<ushort> suites) =>
        suites.OrderBy(s => TlsClassTable.Suite(TlsCipherSuites.Of(s))).ThenBy(s => s);

    public static IEnumerable<ushort> WorstFirst(IEnumerable<ushort> suites) =>
        suites.OrderByDescending(s => TlsClassTable.Suite(TlsCipherSuites.Of(s))).ThenBy(s => s);

    public static IEnumerable<ushort> GroupsBestFirst(IEnumerable<ushort> groups) =>
        groups.OrderBy(TlsClassTable.Group).ThenBy(g => g);
}
