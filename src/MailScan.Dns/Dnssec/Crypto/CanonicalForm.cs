using System.Buffers.Binary;
using MailScan.Dns.Dnssec.Records;
using MailScan.Dns.Wire;

namespace MailScan.Dns.Dnssec.Crypto;

/// <summary>The octets an RRSIG signs (RFC 4034 §3.1.8.1, §6): RRSIG prefix, then each RR in canonical form and order.</summary>
public static class CanonicalForm
{
    /// <summary>The signed data for an RRset under one RRSIG; wildcard owners are rebuilt from the labels field.</summary>
    public static byte[] SignedData(Rrsig rrsig, Rrset rrset)
    {
        var owner = rrset.Owner;
        if (rrsig.Labels < owner.LabelCount)
            owner = owner.Ancestor(rrsig.Labels).Wildcard() ?? owner;
        var ownerWire = owner.ToWire(canonical: true);
        var rdatas = rrset.Records.Select(r => Rdata(r.Type, r.Data)).ToList();
        rdatas.Sort((a, b) => a.AsSpan().SequenceCompareTo(b));
        var unique = new List<byte[]>(rdatas.Count);
        foreach (var rdata in rdatas)
        {
            if (unique.Count == 0 || !unique[^1].AsSpan().SequenceEqual(rdata))
                unique.Add(rdata);
        }
        var length = rrsig.SignedPrefix.Length + unique.Sum(r => ownerWire.Length + 10 + r.Length);
        var data = new byte[length];
        var span = data.AsSpan();
        rrsig.SignedPrefix.CopyTo(span);
        var at = rrsig.SignedPrefix.Length;
        foreach (var rdata in unique)
        {
            ownerWire.CopyTo(span[at..]);
            at += ownerWire.Length;
            BinaryPrimitives.WriteUInt16BigEndian(span[at..], rrset.Type);
            BinaryPrimitives.WriteUInt16BigEndian(span[(at + 2)..], rrset.Class);
            BinaryPrimitives.WriteUInt32BigEndian(span[(at + 4)..], rrsig.OriginalTtl);
            BinaryPrimitives.WriteUInt16BigEndian(span[(at + 8)..], (ushort)rdata.Length);
            at += 10;
            rdata.CopyTo(span[at..]);
            at += rdata.Length;
        }
        return data;
    }

    /// <summary>RDATA with embedded names in lower case for the types RFC 4034 §6.2 lists (names are already uncompressed).</summary>
    public static byte[] Rdata(ushort type, byte[] data)
    {
        if (!RdataLayout.LowersNames(type))
            return data;
        var copy = (byte[])data.Clone();
        var at = 0;
        foreach (var field in RdataLayout.Of(type)!)
        {
            if (at > copy.Length)
                break;
            switch (field)
            {
                case RdataLayout.Name:
                    while (at < copy.Length && copy[at] != 0)
                    {
                        var end = Math.Min(copy.Length, at + 1 + copy[at]);
                        for (var i = at + 1; i < end; i++)
                        {
                            if (copy[i] is >= (byte)'A' and <= (byte)'Z')
                                copy[i] += 32;
                        }
                        at = end;
                    }
                    at++;
                    break;
                case RdataLayout.CharacterString:
                    at += at < copy.Length ? 1 + copy[at] : 1;
                    break;
                case RdataLayout.Rest:
                    at = copy.Length;
                    break;
                default:
                    at += field;
                    break;
            }
        }
        return copy;
    }
}
