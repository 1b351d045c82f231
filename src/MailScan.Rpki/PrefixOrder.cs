namespace MailScan.Rpki;

/// <summary>The order a <see cref="PrefixIndex"/> keeps its entries in: IPv4 before IPv6, then by length, then by bits.</summary>
public sealed class PrefixOrder : IComparer<IpPrefix>
{
    public static PrefixOrder Instance { get; } = new();

    public int Compare(IpPrefix x, IpPrefix y)
    {
        var family = x.IsIpv6.CompareTo(y.IsIpv6);
        if (family != 0)
            return family;
        var length = x.Length.CompareTo(y.Length);
        return length != 0 ? length : x.Bits.CompareTo(y.Bits);
    }
}
