using System.Net;

namespace MailScan.Rpki;

/// <summary>
/// An immutable prefix-to-origin table (a BGP view such as a RouteViews pfx2as dump): for an
/// address, the most specific announced prefix that holds it and its origins, as routing picks it.
/// </summary>
public sealed class RouteOriginTable
{
    private readonly PrefixIndex _index;
    private readonly IReadOnlyList<RouteOrigin>[] _origins;

    private RouteOriginTable(string source, IpPrefix[] prefixes, IReadOnlyList<RouteOrigin>[] origins)
    {
        Source = source;
        _origins = origins;
        _index = new PrefixIndex(prefixes);
    }

    /// <summary>Where the table came from (a file path).</summary>
    public string Source { get; }

    /// <summary>The number of announced prefixes.</summary>
    public int Count => _origins.Length;

    /// <summary>Builds the table; lines for the same prefix merge their origins.</summary>
    public static RouteOriginTable Create(string source, IEnumerable<AnnouncedRoute> routes)
    {
        var sorted = routes.ToArray();
        Array.Sort(sorted, (x, y) => PrefixOrder.Instance.Compare(x.Prefix, y.Prefix));
        var prefixes = new List<IpPrefix>(sorted.Length);
        var origins = new List<IReadOnlyList<RouteOrigin>>(sorted.Length);
        // Most prefixes have one origin and the ~100k origin ASes repeat: share one list per AS.
        var single = new Dictionary<RouteOrigin, RouteOrigin[]>();
        var start = 0;
        while (start < sorted.Length)
        {
            var end = start + 1;
            while (end < sorted.Length && sorted[end].Prefix == sorted[start].Prefix)
                end++;
            var merged = end == start + 1 && sorted[start].Origins.Count == 1
                ? [sorted[start].Origins[0]]
                : sorted[start..end].SelectMany(r => r.Origins).Distinct().ToArray();
            if (merged.Length == 1)
            {
                if (!single.TryGetValue(merged[0], out var shared))
                    single[merged[0]] = shared = merged;
                merged = shared;
            }
            prefixes.Add(sorted[start].Prefix);
            origins.Add(merged);
            start = end;
        }
        return new RouteOriginTable(source, [.. prefixes], [.. origins]);
    }

    /// <summary>The most specific route holding the address, or null when it is not announced.</summary>
    public AnnouncedRoute? Find(IPAddress address)
    {
        var range = _index.FindLongest(IpPrefix.Host(address));
        if (range.End.Value <= range.Start.Value)
            return null;
        var i = range.Start.Value;
        return new AnnouncedRoute(_index.PrefixAt(i), _origins[i]);
    }

    /// <summary>Bytes held by the table's arrays (shared origin lists counted once, roughly), for the benchmark.</summary>
    public long ApproximateBytes =>
        _index.ApproximateBytes + _origins.Length * (long)IntPtr.Size
        + _origins.Distinct().Sum(o => 32L + o.Count * (IntPtr.Size + 48L));

    /// <summary>Every route, in index order.</summary>
    public IEnumerable<AnnouncedRoute> All() => _origins.Select((o, i) => new AnnouncedRoute(_index.PrefixAt(i), o));
}
