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

    public static IReadOnlyList<string> All { get; } = [MailtoExist, MailtoValid, MxExist, MxValid, Reason];
}
