namespace MailScan.Dns.Wire;

/// <summary>Why a text is not a domain name, and at which of its characters.</summary>
public sealed record DnsNameError(DnsNameFault Fault, int Position)
{
    public override string ToString() => $"not a domain name at character {Position}: {Fault}";
}
