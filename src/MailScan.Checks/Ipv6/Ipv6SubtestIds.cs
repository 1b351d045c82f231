namespace MailScan.Checks.Ipv6;

/// <summary>The sub-test ids of the IPv6 category.</summary>
public static class Ipv6SubtestIds
{
    public const string NsAddress = "mail_ipv6_ns_address";
    public const string NsReach = "mail_ipv6_ns_reach";
    public const string MxAddress = "mail_ipv6_mx_address";
    public const string MxReach = "mail_ipv6_mx_reach";

    public static IReadOnlyList<string> All { get; } = [NsAddress, NsReach, MxAddress, MxReach];
}
