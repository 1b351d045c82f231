using DnsClient;
using DnsClient.Protocol;
using MailScan.Dns.Wire;

namespace MailScan.Dns;

/// <summary>
/// Turns wire records into DnsClient's record types, so <see cref="DnsAnswer"/> keeps the record
/// model every check reads. Fields are decoded with DnsClient's own public reader, so values match
/// what DnsClient itself would have produced; a record that does not decode stays an
/// <see cref="UnknownRecord"/> with its octets.
/// </summary>
public static class DnsClientRecords
{
    public static IReadOnlyList<DnsResourceRecord> Map(IReadOnlyList<WireRecord> records)
    {
        var mapped = new DnsResourceRecord[records.Count];
        for (var i = 0; i < records.Count; i++)
            mapped[i] = Map(records[i]);
        return mapped;
    }

    public static DnsResourceRecord Map(WireRecord record)
    {
        var info = new ResourceRecordInfo(
            DnsString.FromResponseQueryString(record.Owner.ToString()),
            (ResourceRecordType)record.Type, (QueryClass)record.Class, (int)record.Ttl, record.Data.Length);
        try
        {
            return Decode(info, record.Type, record.Data) ?? new UnknownRecord(info, record.Data);
        }
        catch (Exception ex) when (ex is IndexOutOfRangeException or ArgumentException or FormatException or DnsResponseParseException or InvalidOperationException)
        {
            return new UnknownRecord(info, record.Data);
        }
    }

    private static DnsResourceRecord? Decode(ResourceRecordInfo info, ushort type, byte[] data)
    {
        var reader = new DnsDatagramReader(new ArraySegment<byte>(data), 0);
        return type switch
        {
            DnsRecordType.A when data.Length == 4 => new ARecord(info, new System.Net.IPAddress(data)),
            DnsRecordType.AAAA when data.Length == 16 => new AaaaRecord(info, new System.Net.IPAddress(data)),
            DnsRecordType.NS => new NsRecord(info, reader.ReadDnsName()),
            DnsRecordType.CNAME => new CNameRecord(info, reader.ReadDnsName()),
            DnsRecordType.PTR => new PtrRecord(info, reader.ReadDnsName()),
            DnsRecordType.MX => new MxRecord(info, reader.ReadUInt16NetworkOrder(), reader.ReadDnsName()),
            DnsRecordType.SOA => new SoaRecord(info, reader.ReadDnsName(), reader.ReadDnsName(),
                reader.ReadUInt32NetworkOrder(), reader.ReadUInt32NetworkOrder(), reader.ReadUInt32NetworkOrder(),
                reader.ReadUInt32NetworkOrder(), reader.ReadUInt32NetworkOrder()),
            DnsRecordType.TXT => Txt(info, reader, data.Length),
            DnsRecordType.SRV => new SrvRecord(info, reader.ReadUInt16NetworkOrder(), reader.ReadUInt16NetworkOrder(), reader.ReadUInt16NetworkOrder(), reader.ReadDnsName()),
            DnsRecordType.TLSA when data.Length >= 3 => new TlsaRecord(info, data[0], data[1], data[2], data[3..]),
            DnsRecordType.DS when data.Length >= 4 => new DsRecord(info, (data[0] << 8) | data[1], data[2], data[3], data[4..]),
            DnsRecordType.DNSKEY when data.Length >= 4 => new DnsKeyRecord(info, (data[0] << 8) | data[1], data[2], data[3], data[4..]),
            DnsRecordType.RRSIG => Rrsig(info, reader, data),
            DnsRecordType.NSEC => Nsec(info, reader, data),
            257 when data.Length >= 2 && data.Length >= 2 + data[1] => new CaaRecord(info, data[0],
                System.Text.Encoding.ASCII.GetString(data, 2, data[1]), System.Text.Encoding.UTF8.GetString(data, 2 + data[1], data.Length - 2 - data[1])),
            _ => null,
        };
    }

    private static TxtRecord Txt(ResourceRecordInfo info, DnsDatagramReader reader, int length)
    {
        var escaped = new List<string>();
        var text = new List<string>();
        while (reader.Index < length)
        {
            var count = reader.ReadByte();
            var bytes = reader.ReadBytes(count);
            escaped.Add(DnsDatagramReader.ParseString(bytes.ToArray()));
            text.Add(DnsDatagramReader.ReadUTF8String(bytes));
        }
        return new TxtRecord(info, [.. escaped], [.. text]);
    }

    private static RRSigRecord Rrsig(ResourceRecordInfo info, DnsDatagramReader reader, byte[] data)
    {
        var covered = reader.ReadUInt16NetworkOrder();
        var algorithm = reader.ReadByte();
        var labels = reader.ReadByte();
        var ttl = reader.ReadUInt32NetworkOrder();
        var expiration = reader.ReadUInt32NetworkOrder();
        var inception = reader.ReadUInt32NetworkOrder();
        var tag = reader.ReadUInt16NetworkOrder();
        var signer = reader.ReadDnsName();
        return new RRSigRecord(info, covered, algorithm, labels, ttl, expiration, inception, tag, signer, data[reader.Index..]);
    }

    private static NSecRecord Nsec(ResourceRecordInfo info, DnsDatagramReader reader, byte[] data)
    {
        var next = reader.ReadDnsName();
        return new NSecRecord(info, next, data[reader.Index..]);
    }
}
