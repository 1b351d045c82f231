using MailScan.Checks.Verdicts;
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

    /// <summary>Each sub-test with its level and full points (a ROA's existence is worth half).</summary>
    public static IReadOnlyList<SubtestDeclaration> Declared { get; } =
    [
        SubtestDeclaration.Mandatory(MxExists, Scoring.RoaExists),
        SubtestDeclaration.Mandatory(MxValid),
        SubtestDeclaration.Mandatory(NsExists, Scoring.RoaExists),
        SubtestDeclaration.Mandatory(NsValid),
        SubtestDeclaration.Mandatory(MxNsExists, Scoring.RoaExists),
        SubtestDeclaration.Mandatory(MxNsValid),
    ];

    public static IReadOnlyList<string> All { get; } = [.. Declared.Select(d => d.Id)];
}
