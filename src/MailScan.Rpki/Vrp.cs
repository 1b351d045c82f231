namespace MailScan.Rpki;

/// <summary>A validated ROA payload (RFC 6811): the prefix, the longest announcement allowed, the AS allowed to originate it.</summary>
public readonly record struct Vrp(IpPrefix Prefix, byte MaxLength, uint Asn)
{
    /// <summary>Whether the parts are consistent: maxLength between the prefix length and the family width.</summary>
    public bool IsWellFormed => MaxLength >= Prefix.Length && MaxLength <= Prefix.Width;

    public override string ToString() => $"{Prefix}-{MaxLength} AS{Asn}";
}
