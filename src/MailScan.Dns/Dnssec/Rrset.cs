using MailScan.Dns.Dnssec.Records;
using MailScan.Dns.Wire;

namespace MailScan.Dns.Dnssec;

/// <summary>The records of one owner, type and class, with the RRSIGs that cover them.</summary>
public sealed record Rrset(DnsName Owner, ushort Type, ushort Class, IReadOnlyList<WireRecord> Records, IReadOnlyList<Rrsig> Signatures)
{
    /// <summary>RRSIG records of this owner and type that could not be parsed.</summary>
    public int MalformedSignatures { get; init; }

    public uint Ttl => Records.Count == 0 ? 0 : Records.Min(r => r.Ttl);

    public string Describe() => $"{Owner.Display}/{DnsRecordType.Name(Type)}";

    /// <summary>Groups a section's records into RRsets in order of first appearance; RRSIGs are attached, never sets of their own.</summary>
    public static IReadOnlyList<Rrset> Group(IEnumerable<WireRecord> section)
    {
        var order = new List<(DnsName Owner, ushort Type, ushort Class)>();
        var records = new Dictionary<(DnsName, ushort, ushort), List<WireRecord>>();
        var signatures = new Dictionary<(DnsName, ushort), List<Rrsig>>();
        var malformed = new Dictionary<(DnsName, ushort), int>();
        foreach (var record in section)
        {
            if (record.Type == DnsRecordType.RRSIG)
            {
                var rrsig = Rrsig.Parse(record.Data).Value;
                var covered = record.Data.Length >= 2 ? (ushort)((record.Data[0] << 8) | record.Data[1]) : (ushort)0;
                if (rrsig is null)
                    malformed[(record.Owner, covered)] = malformed.GetValueOrDefault((record.Owner, covered)) + 1;
                else
                    Add(signatures, (record.Owner, rrsig.TypeCovered), rrsig);
                continue;
            }
            var key = (record.Owner, record.Type, record.Class);
            if (!records.ContainsKey(key))
                order.Add(key);
            Add(records, key, record);
        }
        return order.Select(k => new Rrset(k.Owner, k.Type, k.Class, records[k], signatures.GetValueOrDefault((k.Owner, k.Type)) ?? [])
        {
            MalformedSignatures = malformed.GetValueOrDefault((k.Owner, k.Type)),
        }).ToList();
    }

    private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key, TValue value) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
            map[key] = list = [];
        list.Add(value);
    }
}
