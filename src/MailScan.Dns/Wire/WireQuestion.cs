namespace MailScan.Dns.Wire;

/// <summary>The question of a DNS message.</summary>
public sealed record WireQuestion(DnsName Name, ushort Type, ushort Class = 1)
{
    public override string ToString() => $"{Name.Display} {DnsRecordType.Name(Type)}";
}
