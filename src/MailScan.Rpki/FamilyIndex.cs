using System.Numerics;
using System.Runtime.CompilerServices;

namespace MailScan.Rpki;

/// <summary>The prefixes of one address family: per length present, an open-addressing hash from prefix bits to the first entry.</summary>
internal sealed class FamilyIndex<T> where T : unmanaged, IBinaryInteger<T>
{
    private readonly T[] _bits;
    private readonly byte[] _lengths;
    private readonly Bucket[] _buckets;
    private readonly int _offset;

    public FamilyIndex(ReadOnlySpan<IpPrefix> sorted, int offset, int width)
    {
        _offset = offset;
        _bits = new T[sorted.Length];
        _lengths = new byte[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
            (_bits[i], _lengths[i]) = (T.CreateTruncating(sorted[i].Bits), sorted[i].Length);

        var buckets = new List<Bucket>();
        var start = 0;
        while (start < sorted.Length)
        {
            var length = sorted[start].Length;
            var end = start;
            while (end < sorted.Length && sorted[end].Length == length)
                end++;
            buckets.Add(BuildBucket(length, start, end, width));
            start = end;
        }
        buckets.Reverse();
        _buckets = [.. buckets];
    }

    /// <summary>The number of distinct prefix lengths: the most ranges a lookup can find.</summary>
    public int Lengths => _buckets.Length;

    /// <summary>The number of entries.</summary>
    public int Count => _bits.Length;

    /// <summary>The prefix of entry i of this family.</summary>
    public IpPrefix PrefixAt(int i) => IpPrefix.FromBits(typeof(T) != typeof(uint), UInt128.CreateTruncating(_bits[i]), _lengths[i]);

    public long ApproximateBytes =>
        (long)_bits.Length * (Unsafe.SizeOf<T>() + 1) + _buckets.Sum(b => (long)b.Slots.Length * sizeof(int));

    public int FindCovering(T query, int queryLength, Span<Range> ranges)
    {
        var found = 0;
        foreach (ref readonly var bucket in _buckets.AsSpan())
        {
            if (bucket.Length > queryLength)
                continue;
            var key = query & bucket.Mask;
            var first = Find(in bucket, key);
            if (first < 0)
                continue;
            var last = first + 1;
            while (last < bucket.End && _bits[last] == key)
                last++;
            ranges[found++] = new Range(_offset + first, _offset + last);
            if (found == ranges.Length)
                break;
        }
        return found;
    }

    private int Find(in Bucket bucket, T key)
    {
        var slots = bucket.Slots;
        var mask = slots.Length - 1;
        for (var slot = Hash(key, bucket.Shift); ; slot = (slot + 1) & mask)
        {
            var entry = slots[slot];
            if (entry < 0 || _bits[entry] == key)
                return entry;
        }
    }

    private Bucket BuildBucket(byte length, int start, int end, int width)
    {
        var distinct = 1;
        for (var i = start + 1; i < end; i++)
        {
            if (_bits[i] != _bits[i - 1])
                distinct++;
        }
        var log2 = Math.Max(2, BitOperations.Log2((uint)distinct) + 2);
        var slots = new int[1 << log2];
        Array.Fill(slots, -1);
        var shift = (Unsafe.SizeOf<T>() == 4 ? 32 : 64) - log2;
        var mask = length == 0 ? T.Zero : T.AllBitsSet << (width - length);
        var bucket = new Bucket(length, mask, end, slots, shift);
        for (var i = start; i < end; i++)
        {
            if (i > start && _bits[i] == _bits[i - 1])
                continue;
            var slot = Hash(_bits[i], shift);
            while (slots[slot] >= 0)
                slot = (slot + 1) & (slots.Length - 1);
            slots[slot] = i;
        }
        return bucket;
    }

    // Fibonacci hashing: the high bits of a multiplication mix every input bit, including the
    // network bits at the top of the word that prefixes of one length differ in.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(T key, int shift)
    {
        if (typeof(T) == typeof(uint))
            return (int)((Unsafe.As<T, uint>(ref key) * 2654435769u) >> shift);
        var wide = Unsafe.As<T, UInt128>(ref key);
        var folded = (ulong)wide ^ (ulong)(wide >> 64) * 0xC2B2AE3D27D4EB4FUL;
        return (int)((folded * 0x9E3779B97F4A7C15UL) >> shift);
    }

    private readonly record struct Bucket(byte Length, T Mask, int End, int[] Slots, int Shift);
}
