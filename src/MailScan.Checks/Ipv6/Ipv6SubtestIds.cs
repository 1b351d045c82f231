using MailScan.Checks.Verdicts;

namespace MailScan.Checks.Ipv6;

/// <summary>The sub-test ids of the IPv6 category.</summary>
public static class Ipv6SubtestIds
{
    public const string NsAddress = "mail_ipv6_ns_address";
    public const string NsReach = "mail_ipv6_ns_reach";
    public const string MxAddress = "mail_ipv6_mx_address";
    public const string MxReach = "mail_ipv6_mx_reach";

    /// <summary>Each sub-test with its level and full points; the address tests have no score field.</summary>
    public static IReadOnlyList<SubtestDeclaration> Declared { get; } =
    [
        SubtestDeclaration.Mandatory(NsAddress, points: 0),
        SubtestDeclaration.Mandatory(NsReach),
        SubtestDeclaration.Mandatory(MxAddress, points: 0),
        SubtestDeclaration.Mandatory(MxReach),
    ];

    public static IReadOnlyList<string> All { get; } = [.. Declared.Select(d => d.Id)];
}
