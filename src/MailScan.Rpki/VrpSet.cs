namespace MailScan.Rpki;

/// <summary>
/// An immutable, versioned set of VRPs indexed by prefix: built once, shared by every probe,
/// replaced whole when a source delivers a new version. Answers "which VRPs cover this route" and
/// validates a route (RFC 6811) in about a microsecond on a full-size set.
/// </summary>
public sealed class VrpSet
{
    private readonly PrefixIndex _index;
    private readonly byte[] _maxLengths;
    private readonly uint[] _asns;

    private VrpSet(VrpSetInfo info, IpPrefix[] prefixes, byte[] maxLengths, uint[] asns)
    {
        Info = info;
        _maxLengths = maxLengths;
        _asns = asns;
        _index = new PrefixIndex(prefixes);
    }

    /// <summary>Source and version.</summary>
    public VrpSetInfo Info { get; }

    /// <summary>The number of distinct VRPs.</summary>
    public int Count => _asns.Length;

    /// <summary>The number of IPv4 VRPs.</summary>
    public int Ipv4Count => _index.Ipv4Count;

    /// <summary>An empty set (no VRPs: everything is not found).</summary>
    public static VrpSet Empty(VrpSetInfo info) => Create(info, []);

    /// <summary>Builds the set; duplicates collapse, ill-formed VRPs (maxLength out of range) are refused.</summary>
    public static VrpSet Create(VrpSetInfo info, IEnumerable<Vrp> vrps)
    {
        var sorted = vrps.Distinct().ToArray();
        foreach (var vrp in sorted)
        {
            if (!vrp.IsWellFormed)
                throw new ArgumentException($"VRP {vrp} has a maxLength outside {vrp.Prefix.Length}-{vrp.Prefix.Width}", nameof(vrps));
        }
        Array.Sort(sorted, VrpOrder);
        var prefixes = new IpPrefix[sorted.Length];
        var maxLengths = new byte[sorted.Length];
        var asns = new uint[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
            (prefixes[i], maxLengths[i], asns[i]) = (sorted[i].Prefix, sorted[i].MaxLength, sorted[i].Asn);
        return new VrpSet(info, prefixes, maxLengths, asns);
    }

    /// <summary>
    /// Builds the set from well-formed VRPs already in index order without duplicates (as a
    /// serialised set holds them), skipping the sort; null when they are not in that order.
    /// </summary>
    internal static VrpSet? FromOrdered(VrpSetInfo info, Vrp[] ordered)
    {
        for (var i = 1; i < ordered.Length; i++)
        {
            if (VrpOrder(ordered[i - 1], ordered[i]) >= 0)
                return null;
        }
        var prefixes = new IpPrefix[ordered.Length];
        var maxLengths = new byte[ordered.Length];
        var asns = new uint[ordered.Length];
        for (var i = 0; i < ordered.Length; i++)
            (prefixes[i], maxLengths[i], asns[i]) = (ordered[i].Prefix, ordered[i].MaxLength, ordered[i].Asn);
        return new VrpSet(info, prefixes, maxLengths, asns);
    }

    /// <summary>Every VRP, in index order.</summary>
    public IEnumerable<Vrp> All()
    {
        for (var i = 0; i < _asns.Length; i++)
            yield return At(i);
    }

    /// <summary>The VRPs whose prefix covers the given prefix, longest VRP prefix first.</summary>
    public IReadOnlyList<Vrp> Covering(IpPrefix prefix)
    {
        Span<Range> ranges = stackalloc Range[_index.MaxCovering];
        var count = _index.FindCovering(prefix, ranges);
        if (count == 0)
            return [];
        var result = new List<Vrp>();
        foreach (var range in ranges[..count])
        {
            for (var i = range.Start.Value; i < range.End.Value; i++)
                result.Add(At(i));
        }
        return result;
    }

    /// <summary>Whether any VRP covers the prefix (no allocation).</summary>
    public bool IsCovered(IpPrefix prefix)
    {
        Span<Range> ranges = stackalloc Range[1];
        return _index.FindCovering(prefix, ranges) > 0;
    }

    /// <summary>The RFC 6811 state of a route, without listing the VRPs (no allocation; the benchmark's hot path).</summary>
    public RouteOriginValidity StateOf(IpPrefix route, uint originAs)
    {
        Span<Range> ranges = stackalloc Range[_index.MaxCovering];
        var count = _index.FindCovering(route, ranges);
        if (count == 0)
            return RouteOriginValidity.NotFound;
        foreach (var range in ranges[..count])
        {
            for (var i = range.Start.Value; i < range.End.Value; i++)
            {
                if (_asns[i] == originAs && originAs != 0 && route.Length <= _maxLengths[i])
                    return RouteOriginValidity.Valid;
            }
        }
        return RouteOriginValidity.Invalid;
    }

    /// <summary>Validates a route with the VRPs that agree and disagree.</summary>
    public RouteValidation Validate(IpPrefix route, RouteOrigin origin) =>
        RouteOriginValidator.Validate(route, origin, Covering(route));

    /// <summary>Bytes held by the set, for the benchmark.</summary>
    public long ApproximateBytes => _index.ApproximateBytes + _asns.Length * (1L + 4);

    private Vrp At(int i) => new(_index.PrefixAt(i), _maxLengths[i], _asns[i]);

    private static int VrpOrder(Vrp x, Vrp y)
    {
        var prefix = PrefixOrder.Instance.Compare(x.Prefix, y.Prefix);
        if (prefix != 0)
            return prefix;
        var maxLength = x.MaxLength.CompareTo(y.MaxLength);
        return maxLength != 0 ? maxLength : x.Asn.CompareTo(y.Asn);
    }
}
