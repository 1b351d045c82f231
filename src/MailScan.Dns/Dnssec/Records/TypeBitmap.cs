namespace MailScan.Dns.Dnssec.Records;

/// <summary>The type bit maps of NSEC and NSEC3 (RFC 4034 §4.1.2).</summary>
public sealed class TypeBitmap
{
    private readonly HashSet<ushort> _types;

    private TypeBitmap(HashSet<ushort> types) => _types = types;

    public bool Has(ushort type) => _types.Contains(type);

    public IReadOnlyCollection<ushort> Types => _types;

    /// <summary>Parses the window blocks; null when they are malformed.</summary>
    public static TypeBitmap? Parse(ReadOnlySpan<byte> data)
    {
        var types = new HashSet<ushort>();
        var at = 0;
        var lastWindow = -1;
        while (at < data.Length)
        {
            if (at + 2 > data.Length)
                return null;
            int window = data[at];
            int length = data[at + 1];
            if (window <= lastWindow || length is 0 or > 32 || at + 2 + length > data.Length)
                return null;
            for (var i = 0; i < length; i++)
            {
                var octet = data[at + 2 + i];
                for (var bit = 0; bit < 8; bit++)
                {
                    if ((octet & (0x80 >> bit)) != 0)
                        types.Add((ushort)(window * 256 + i * 8 + bit));
                }
            }
            lastWindow = window;
            at += 2 + length;
        }
        return new TypeBitmap(types);
    }
}
