using System.Buffers.Binary;

namespace MailScan.Dns.Dnssec.Records;

/// <summary>A DS record (RFC 4034 §5): the parent's hash of a child's key.</summary>
public sealed record DelegationSigner(ushort KeyTag, byte Algorithm, byte DigestType, byte[] Digest)
{
    public static DelegationSigner? Parse(byte[] rdata) =>
        rdata.Length < 5 ? null : new DelegationSigner(BinaryPrimitives.ReadUInt16BigEndian(rdata), rdata[2], rdata[3], rdata[4..]);
}
