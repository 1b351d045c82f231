using System.Buffers.Binary;
using MailScan.Dns.Wire;
using MailScan.Parsing;

namespace MailScan.Dns.Dnssec.Records;

/// <summary>A DS record (RFC 4034 §5): the parent's hash of a child's key.</summary>
public sealed record DelegationSigner(ushort KeyTag, byte Algorithm, byte DigestType, byte[] Digest)
{
    public static Parsed<DelegationSigner, DnssecRecordError> Parse(byte[] rdata) =>
        rdata.Length < 5
            ? Parsed<DelegationSigner, DnssecRecordError>.Fail(new(DnsRecordType.DS, DnssecRecordFault.TooShort, rdata.Length))
            : Parsed<DelegationSigner, DnssecRecordError>.Ok(new(BinaryPrimitives.ReadUInt16BigEndian(rdata), rdata[2], rdata[3], rdata[4..]));
}
