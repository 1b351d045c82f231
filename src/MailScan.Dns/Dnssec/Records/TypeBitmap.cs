using MailScan.Parsing;

namespace MailScan.Dns.Dnssec.Records;

/// <summary>The type bit maps of NSEC and NSEC3 (RFC 4034 §4.1.2).</summary>
public sealed class TypeBitmap
{
    private readonly HashSet<ushort> _types;

    private TypeBitmap(HashSet<ushort> types) => _types = types;

    public bool Has(ushort type) => _types.Contains(type);

    public IReadOnlyCollection<ushort> Types => _types;

    /// <summary>Parses the window blocks from <paramref name="start"/> to the end of the RDATA of a record of <paramref name="recordType"/>.</summary>
    public static Parsed<TypeBitmap, DnssecRecordError> Parse(ushort recordType, ReadOnlySpan<byte> rdata, int start)
    {
        var data = rdata[start..];
        var types = new HashSet<ushort>();
        var at = 0;
        var lastWindow = -1;
        while (at < data.Length)
        {
            int window = data[at];
            int length = at + 1 < data.Length ? data[at + 1] : 0;
            if (at + 2 > data.Length || window <= lastWindow || length is 0 or > 32 || at + 2 + length > data.Length)
                return Parsed<TypeBitmap, DnssecRecordError>.Fail(new(recordType, DnssecRecordFault.MalformedTypeBitmap, start + at));
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
        return Parsed<TypeBitmap, DnssecRecordError>.Ok(new(types));
    }
}
