namespace MailScan.Dns.Wire;

/// <summary>
/// One resource record as it came off the wire. <see cref="Data"/> is the RDATA with any
/// compressed names expanded, so it is the exact input of DNSSEC's canonical form.
/// </summary>
public sealed record WireRecord(DnsName Owner, ushort Type, ushort Class, uint Ttl, byte[] Data)
{
    public override string ToString() => $"{Owner} {Ttl} {DnsRecordType.Name(Type)} ({Data.Length} octets)";
}
