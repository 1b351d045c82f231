namespace MailScan.Rpki;

/// <summary>
/// The origin of a route: one AS, or an AS_SET (aggregated route). RFC 6811 gives a route whose
/// path ends in an AS_SET the origin NONE, which matches no VRP.
/// </summary>
public sealed record RouteOrigin
{
    private RouteOrigin(uint? asn, IReadOnlyList<uint> asSet)
    {
        Asn = asn;
        AsSet = asSet;
    }

    /// <summary>The origin AS, or null for an AS_SET.</summary>
    public uint? Asn { get; }

    /// <summary>The members of the AS_SET; empty for a single origin.</summary>
    public IReadOnlyList<uint> AsSet { get; }

    public static RouteOrigin Of(uint asn) => new(asn, []);

    public static RouteOrigin Set(IReadOnlyList<uint> members) => new(null, members);

    public bool Equals(RouteOrigin? other) =>
        other is not null && Asn == other.Asn && AsSet.SequenceEqual(other.AsSet);

    public override int GetHashCode() => Asn is { } asn ? asn.GetHashCode() : AsSet.Aggregate(17, (h, a) => h * 31 + a.GetHashCode());

    /// <summary>"AS64500", or "{AS1,AS2}" for a set.</summary>
    public override string ToString() => Asn is { } asn ? $"AS{asn}" : "{" + string.Join(",", AsSet.Select(a => $"AS{a}")) + "}";
}
