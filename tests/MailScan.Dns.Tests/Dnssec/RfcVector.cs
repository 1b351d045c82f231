using System.Buffers.Binary;
using System.Globalization;
using MailScan.Dns.Dnssec;
using MailScan.Dns.Dnssec.Records;
using MailScan.Dns.Wire;

namespace MailScan.Dns.Tests.Dnssec;

/// <summary>Builds the records of an RFC example: a DNSKEY, an RRset of one record, and its RRSIG.</summary>
internal static class RfcVector
{
    public static Dnskey Key(ushort flags, byte algorithm, string base64)
    {
        var key = Convert.FromBase64String(base64);
        var rdata = new byte[4 + key.Length];
        BinaryPrimitives.WriteUInt16BigEndian(rdata, flags);
        rdata[2] = 3;
        rdata[3] = algorithm;
        key.CopyTo(rdata, 4);
        return Dnskey.Parse(rdata).Value!;
    }

    public static Rrset Signed(string owner, ushort type, byte[] rdata, byte algorithm, byte labels, string expiration, string inception, ushort tag, string signer, byte[] signature)
    {
        var name = DnsName.Parse(owner);
        var signerWire = DnsName.Parse(signer).ToWire();
        var rrsig = new byte[18 + signerWire.Length + signature.Length];
        BinaryPrimitives.WriteUInt16BigEndian(rrsig, type);
        rrsig[2] = algorithm;
        rrsig[3] = labels;
        BinaryPrimitives.WriteUInt32BigEndian(rrsig.AsSpan(4), 3600);
        BinaryPrimitives.WriteUInt32BigEndian(rrsig.AsSpan(8), Seconds(expiration));
        BinaryPrimitives.WriteUInt32BigEndian(rrsig.AsSpan(12), Seconds(inception));
        BinaryPrimitives.WriteUInt16BigEndian(rrsig.AsSpan(16), tag);
        signerWire.CopyTo(rrsig, 18);
        signature.CopyTo(rrsig, 18 + signerWire.Length);
        return Rrset.Group(
        [
            new WireRecord(name, type, 1, 3600, rdata),
            new WireRecord(name, DnsRecordType.RRSIG, 1, 3600, rrsig),
        ]).Single();
    }

    /// <summary>YYYYMMDDHHmmSS (RFC 4034 §3.2) or seconds since 1970.</summary>
    public static uint Seconds(string time) => time.Length == 14
        ? (uint)DateTimeOffset.ParseExact(time, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUnixTimeSeconds()
        : uint.Parse(time, CultureInfo.InvariantCulture);

    public static long Midway(string inception, string expiration) => ((long)Seconds(inception) + Seconds(expiration)) / 2;

    /// <summary>The same RRset with its one record's RDATA changed in the last octet.</summary>
    public static Rrset Tampered(Rrset rrset)
    {
        var data = (byte[])rrset.Records[0].Data.Clone();
        data[^1] ^= 1;
        return rrset with { Records = [rrset.Records[0] with { Data = data }] };
    }
}
