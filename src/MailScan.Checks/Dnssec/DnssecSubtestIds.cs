using MailScan.Checks.Verdicts;
using MailScan.Dns.Dnssec;

namespace MailScan.Checks.Dnssec;

/// <summary>The sub-test ids of the DNSSEC category.</summary>
public static class DnssecSubtestIds
{
    public const string MailtoExist = "mail_dnssec_mailto_exist";
    public const string MailtoValid = "mail_dnssec_mailto_valid";
    public const string MxExist = "mail_dnssec_mx_exist";
    public const string MxValid = "mail_dnssec_mx_valid";
    public const string Reason = "mailscan_dnssec_reason";

    /// <summary>
    /// Each sub-test with its level and full points: existence has no score field, and the MX
    /// part's points ride on the domain's.
    /// </summary>
    public static IReadOnlyList<SubtestDeclaration> Declared { get; } =
    [
        SubtestDeclaration.Mandatory(MailtoExist, points: 0),
        SubtestDeclaration.Mandatory(MailtoValid),
        SubtestDeclaration.Mandatory(MxExist, points: 0),
        SubtestDeclaration.Mandatory(MxValid, points: 0),
        SubtestDeclaration.ReportOnly(Reason),
    ];

    public static IReadOnlyList<string> All { get; } = [.. Declared.Select(d => d.Id)];
}
