using MailScan.Checks.Verdicts;

namespace MailScan.Checks.Auth;

/// <summary>The sub-test ids of the authenticity marks category (mailtest.md), ours with the mailscan_ prefix.</summary>
public static class AuthSubtestIds
{
    public const string DmarcExist = "mail_auth_dmarc_exist";
    public const string DmarcPolicy = "mail_auth_dmarc_policy";
    public const string DmarcExtDestination = "mail_auth_dmarc_ext_destination";
    public const string DkimExist = "mail_auth_dkim_exist";
    public const string SpfExist = "mail_auth_spf_exist";
    public const string SpfPolicy = "mail_auth_spf_policy";
    public const string MtaSts = "mailscan_mta_sts";
    public const string TlsRpt = "mailscan_tls_rpt";

    /// <summary>The sub-tests judged from the authenticity-marks probe (the others come from the MTA-STS probe).</summary>
    public static IReadOnlyList<string> FromAuthProbe { get; } = [DmarcExist, DmarcPolicy, DmarcExtDestination, DkimExist, SpfExist, SpfPolicy];

    /// <summary>Each sub-test with its level and full points, in report order.</summary>
    public static IReadOnlyList<SubtestDeclaration> Declared { get; } =
    [
        SubtestDeclaration.Mandatory(DmarcExist),
        SubtestDeclaration.Mandatory(DmarcPolicy),
        SubtestDeclaration.Notice(DmarcExtDestination),
        SubtestDeclaration.Mandatory(DkimExist),
        SubtestDeclaration.Mandatory(SpfExist),
        SubtestDeclaration.Mandatory(SpfPolicy),
        SubtestDeclaration.ReportOnly(MtaSts),
        SubtestDeclaration.ReportOnly(TlsRpt),
    ];

    public static IReadOnlyList<string> All { get; } = [.. Declared.Select(d => d.Id)];
}
