namespace MailScan.Dns.Wire;

/// <summary>Why a DNS message could not be read, and at which octet.</summary>
public sealed record DnsParseError(int Position, string Reason)
{
    public override string ToString() => $"malformed DNS message at octet {Position}: {Reason}";
}
