using MailScan.Rpki;

namespace MailScan.Checks.Rpki;

/// <summary>The sub-test ids of the RPKI category (mailtest.md).</summary>
public static class RpkiSubtestIds
{
    public const string MxExists = "mail_rpki_exists";
    public const string MxValid = "mail_rpki_valid";
    public const string NsExists = "mail_ns_rpki_exists";
    public const string NsValid = "mail_ns_rpki_valid";
    public const string MxNsExists = "mail_mx_ns_rpki_exists";
    public const string MxNsValid = "mail_mx_ns_rpki_valid";

    public static IReadOnlyList<string> All { get; } = [MxExists, MxValid, NsExists, NsValid, MxNsExists, MxNsValid];
}
