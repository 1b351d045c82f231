namespace MailScan.Rpki;

/// <summary>
/// An immutable index over prefixes sorted in <see cref="PrefixOrder"/>: for a query prefix it
/// finds the entries whose prefix covers it, longest first, with one hash probe per prefix length
/// present (about 25 for a full table), so a lookup takes well under a microsecond. Entry i is
/// position i of the sorted input; callers keep their payloads in arrays of the same order.
/// </summary>
public sealed class PrefixIndex
{
    private readonly FamilyIndex<uint> _ipv4;
    private readonly FamilyIndex<UInt128> _ipv6;

    /// <summary>Indexes prefixes already sorted in <see cref="PrefixOrder"/> (duplicates allowed, kept adjacent).</summary>
    public PrefixIndex(ReadOnlySpan<IpPrefix> sorted)
    {
        var firstIpv6 = 0;
        while (firstIpv6 < sorted.Length && !sorted[firstIpv6].IsIpv6)
            firstIpv6++;
        for (var i = 1; i < sorted.Length; i++)
        {
            if (PrefixOrder.Instance.Compare(sorted[i - 1], sorted[i]) > 0)
                throw new ArgumentException($"prefixes must be sorted (entry {i}: {sorted[i]} after {sorted[i - 1]})", nameof(sorted));
        }
        _ipv4 = new FamilyIndex<uint>(sorted[..firstIpv6], 0, 32);
        _ipv6 = new FamilyIndex<UInt128>(sorted[firstIpv6..], firstIpv6, 128);
        Count = sorted.Length;
    }

    /// <summary>The most ranges one lookup can find (the distinct prefix lengths of a family): the size for the range buffer.</summary>
    public int MaxCovering => Math.Max(1, Math.Max(_ipv4.Lengths, _ipv6.Lengths));

    /// <summary>The number of entries.</summary>
    public int Count { get; }

    /// <summary>The number of IPv4 entries (they come first).</summary>
    public int Ipv4Count => _ipv4.Count;

    /// <summary>The prefix of entry i.</summary>
    public IpPrefix PrefixAt(int i) => i < _ipv4.Count ? _ipv4.PrefixAt(i) : _ipv6.PrefixAt(i - _ipv4.Count);

    /// <summary>
    /// Writes the ranges of entries whose prefix covers <paramref name="query"/>, longest prefix
    /// first, until the buffer is full (<see cref="MaxCovering"/> holds all); each range holds the
    /// entries of one equal prefix. Returns how many were written.
    /// </summary>
    public int FindCovering(IpPrefix query, Span<Range> ranges) =>
        query.IsIpv6 ? _ipv6.FindCovering(query.Bits, query.Length, ranges) : _ipv4.FindCovering((uint)query.Bits, query.Length, ranges);

    /// <summary>The entries of the longest prefix covering the query, or an empty range.</summary>
    public Range FindLongest(IpPrefix query)
    {
        Span<Range> ranges = stackalloc Range[1];
        return FindCovering(query, ranges) > 0 ? ranges[0] : default;
    }

    /// <summary>Bytes held by the index itself (not the callers' payloads), for the benchmark.</summary>
    public long ApproximateBytes => _ipv4.ApproximateBytes + _ipv6.ApproximateBytes;
}
