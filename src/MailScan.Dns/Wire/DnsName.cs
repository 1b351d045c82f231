using System.Text;
using MailScan.Parsing;

namespace MailScan.Dns.Wire;

/// <summary>
/// A domain name as labels of raw octets (original case kept), compared case-insensitively in
/// ASCII as DNS requires. Ordering and wire forms follow RFC 4034 §6 (canonical form).
/// </summary>
public sealed class DnsName : IEquatable<DnsName>, IComparable<DnsName>
{
    /// <summary>The longest name on the wire, in octets (RFC 1035 §2.3.4).</summary>
    public const int MaxWireLength = 255;

    private readonly byte[][] _labels;
    private int _hash;

    /// <summary>The root name ".".</summary>
    public static DnsName Root { get; } = new([]);

    private DnsName(byte[][] labels) => _labels = labels;

    /// <summary>Labels from the leftmost (most specific) to the rightmost, without the root label.</summary>
    public IReadOnlyList<byte[]> Labels => _labels;

    /// <summary>The number of labels, not counting the root (the RRSIG "labels" sense, wildcards included).</summary>
    public int LabelCount => _labels.Length;

    public bool IsRoot => _labels.Length == 0;

    /// <summary>The leftmost label is "*".</summary>
    public bool IsWildcard => _labels.Length > 0 && _labels[0] is [(byte)'*'];

    /// <summary>Octets on the wire, uncompressed.</summary>
    public int WireLength => 1 + _labels.Sum(l => l.Length + 1);

    /// <summary>Builds a name from labels (leftmost first); null when a label or the whole is too long or a label is empty.</summary>
    public static DnsName? FromLabels(IReadOnlyList<byte[]> labels)
    {
        var length = 1;
        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63)
                return null;
            length += label.Length + 1;
        }
        return length > MaxWireLength ? null : new DnsName([.. labels]);
    }

    /// <summary>Parses presentation form ("mail.example.nl", trailing dot optional, \. and \DDD escapes), or says what is wrong and where.</summary>
    public static Parsed<DnsName, DnsNameError> FromPresentation(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return Fail(DnsNameFault.Empty, 0);
        if (text == ".")
            return Parsed<DnsName, DnsNameError>.Ok(Root);
        var labels = new List<byte[]>();
        var current = new List<byte>();
        var wireLength = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.')
            {
                if (current.Count == 0)
                    return Fail(DnsNameFault.EmptyLabel, i);
                if ((wireLength += current.Count + 1) > MaxWireLength)
                    return Fail(DnsNameFault.NameTooLong, i);
                labels.Add([.. current]);
                current.Clear();
                continue;
            }
            var at = i;
            if (c == '\\')
            {
                if (i + 3 < text.Length && char.IsAsciiDigit(text[i + 1])
                    && char.IsAsciiDigit(text[i + 2]) && char.IsAsciiDigit(text[i + 3]))
                {
                    var value = (text[i + 1] - '0') * 100 + (text[i + 2] - '0') * 10 + (text[i + 3] - '0');
                    if (value > 255)
                        return Fail(DnsNameFault.BadEscape, i);
                    current.Add((byte)value);
                    i += 3;
                    if (current.Count > 63)
                        return Fail(DnsNameFault.LabelTooLong, at);
                    continue;
                }
                if (i + 1 >= text.Length)
                    return Fail(DnsNameFault.BadEscape, i);
                c = text[++i];
            }
            if (c > 0x7F)
                return Fail(DnsNameFault.NotAscii, i);
            current.Add((byte)c);
            if (current.Count > 63)
                return Fail(DnsNameFault.LabelTooLong, at);
        }
        if (current.Count > 0)
        {
            if (wireLength + current.Count + 1 > MaxWireLength)
                return Fail(DnsNameFault.NameTooLong, text.Length);
            labels.Add([.. current]);
        }
        return Parsed<DnsName, DnsNameError>.Ok(new DnsName([.. labels]));
    }

    /// <summary>Parses presentation form or throws <see cref="FormatException"/>; for names the program itself builds.</summary>
    public static DnsName Parse(string text) =>
        FromPresentation(text).Value ?? throw new FormatException($"'{text}' is not a domain name");

    private static Parsed<DnsName, DnsNameError> Fail(DnsNameFault fault, int position) =>
        Parsed<DnsName, DnsNameError>.Fail(new(fault, position));

    /// <summary>The name without its leftmost label; the root stays the root.</summary>
    public DnsName Parent() => _labels.Length == 0 ? this : new DnsName(_labels[1..]);

    /// <summary>The rightmost <paramref name="count"/> labels.</summary>
    public DnsName Ancestor(int count) =>
        count >= _labels.Length ? this : new DnsName(_labels[(_labels.Length - count)..]);

    /// <summary>This name with one more label on the left; null when too long.</summary>
    public DnsName? Prepend(ReadOnlySpan<byte> label) => FromLabels([label.ToArray(), .. _labels]);

    /// <summary>"*." + this name.</summary>
    public DnsName? Wildcard() => Prepend("*"u8);

    /// <summary>This name equals <paramref name="ancestor"/> or lies below it.</summary>
    public bool IsAtOrBelow(DnsName ancestor)
    {
        if (ancestor._labels.Length > _labels.Length)
            return false;
        var offset = _labels.Length - ancestor._labels.Length;
        for (var i = 0; i < ancestor._labels.Length; i++)
        {
            if (!LabelEquals(_labels[offset + i], ancestor._labels[i]))
                return false;
        }
        return true;
    }

    /// <summary>This name lies strictly below <paramref name="ancestor"/>.</summary>
    public bool IsBelow(DnsName ancestor) => _labels.Length > ancestor._labels.Length && IsAtOrBelow(ancestor);

    /// <summary>The longest name both names are at or below.</summary>
    public DnsName CommonAncestor(DnsName other)
    {
        var count = 0;
        var a = _labels.Length - 1;
        var b = other._labels.Length - 1;
        while (a >= 0 && b >= 0 && LabelEquals(_labels[a], other._labels[b]))
        {
            count++;
            a--;
            b--;
        }
        return Ancestor(count);
    }

    /// <summary>The uncompressed wire form, in lower case when <paramref name="canonical"/>.</summary>
    public byte[] ToWire(bool canonical = true)
    {
        var buffer = new byte[WireLength];
        WriteWire(buffer, canonical);
        return buffer;
    }

    /// <summary>Writes the uncompressed wire form; returns the octets written.</summary>
    public int WriteWire(Span<byte> destination, bool canonical)
    {
        var at = 0;
        foreach (var label in _labels)
        {
            destination[at++] = (byte)label.Length;
            for (var i = 0; i < label.Length; i++)
                destination[at++] = canonical ? Lower(label[i]) : label[i];
        }
        destination[at++] = 0;
        return at;
    }

    /// <summary>Canonical DNS name order (RFC 4034 §6.1): by labels from the right, each compared as lower-case octets.</summary>
    public int CompareTo(DnsName? other)
    {
        if (other is null)
            return 1;
        var a = _labels.Length - 1;
        var b = other._labels.Length - 1;
        while (a >= 0 && b >= 0)
        {
            var order = CompareLabel(_labels[a], other._labels[b]);
            if (order != 0)
                return order;
            a--;
            b--;
        }
        return _labels.Length.CompareTo(other._labels.Length);
    }

    public bool Equals(DnsName? other)
    {
        if (other is null || other._labels.Length != _labels.Length)
            return false;
        for (var i = 0; i < _labels.Length; i++)
        {
            if (!LabelEquals(_labels[i], other._labels[i]))
                return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as DnsName);

    public override int GetHashCode()
    {
        if (_hash != 0)
            return _hash;
        var hash = new HashCode();
        foreach (var label in _labels)
        {
            foreach (var octet in label)
                hash.Add(Lower(octet));
            hash.Add(-1);
        }
        return _hash = hash.ToHashCode() | 1;
    }

    /// <summary>Presentation form with a trailing dot ("mail.example.nl."), special octets escaped.</summary>
    public override string ToString() => _labels.Length == 0 ? "." : Display + ".";

    /// <summary>Presentation form without the trailing dot, for reports ("." for the root).</summary>
    public string Display
    {
        get
        {
            if (_labels.Length == 0)
                return ".";
            var text = new StringBuilder();
            foreach (var label in _labels)
            {
                if (text.Length > 0)
                    text.Append('.');
                foreach (var octet in label)
                {
                    if (octet is (byte)'.' or (byte)'\\' or (byte)'"' or (byte)'(' or (byte)')' or (byte)';' or (byte)'@' or (byte)'$')
                        text.Append('\\').Append((char)octet);
                    else if (octet is <= 0x20 or >= 0x7F)
                        text.Append('\\').Append(octet.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
                    else
                        text.Append((char)octet);
                }
            }
            return text.ToString();
        }
    }

    public static bool operator ==(DnsName? a, DnsName? b) => a is null ? b is null : a.Equals(b);

    public static bool operator !=(DnsName? a, DnsName? b) => !(a == b);

    private static byte Lower(byte octet) => octet is >= (byte)'A' and <= (byte)'Z' ? (byte)(octet + 32) : octet;

    private static bool LabelEquals(byte[] a, byte[] b)
    {
        if (a.Length != b.Length)
            return false;
        for (var i = 0; i < a.Length; i++)
        {
            if (Lower(a[i]) != Lower(b[i]))
                return false;
        }
        return true;
    }

    private static int CompareLabel(byte[] a, byte[] b)
    {
        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            var order = Lower(a[i]).CompareTo(Lower(b[i]));
            if (order != 0)
                return order;
        }
        return a.Length.CompareTo(b.Length);
    }
}
