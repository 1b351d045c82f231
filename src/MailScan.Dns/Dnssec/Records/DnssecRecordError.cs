namespace MailScan.Dns.Dnssec.Records;

/// <summary>Why the RDATA of a DNSSEC record of <paramref name="Type"/> could not be read, and at which of its octets.</summary>
public sealed record DnssecRecordError(ushort Type, DnssecRecordFault Fault, int Position)
{
    public override string ToString() => $"{Wire.DnsRecordType.Name(Type)} RDATA at octet {Position}: {Fault}";
}
