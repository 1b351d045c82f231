using MailScan.Checks.Auth;
using MailScan.Checks.Dnssec;
using MailScan.Checks.Ipv6;
using MailScan.Checks.Rpki;
using MailScan.Checks.StartTls;

namespace MailScan.Checks.Verdicts;

/// <summary>
/// The levels and full points of the sub-tests (internetnl-notes.md §2.6), gathered from what each
/// category declares beside its ids (<c>*SubtestIds.Declared</c>): a new sub-test is declared in
/// its category's folder only. A verdict that changes a level because of what it found (no mail
/// server, no TLS 1.2, a DANE-TA record, a non-sending domain) asks this class for the level
/// rather than deciding it itself.
/// </summary>
public static class SubtestLevels
{
    private static readonly Dictionary<string, SubtestDeclaration> ById = new IReadOnlyList<SubtestDeclaration>[]
    {
        Ipv6SubtestIds.Declared, DnssecSubtestIds.Declared, AuthSubtestIds.Declared, StartTlsSubtestIds.Declared, RpkiSubtestIds.Declared,
    }.SelectMany(d => d).ToDictionary(d => d.Id, StringComparer.Ordinal);

    /// <summary>Every declared sub-test of every category.</summary>
    public static IReadOnlyCollection<SubtestDeclaration> All => ById.Values;

    /// <summary>The level of a sub-test that was tested; an id no category declares is mandatory (report-only for mailscan_ ids).</summary>
    public static SubtestLevel Of(string id) =>
        ById.TryGetValue(id, out var declared) ? declared.Level
        : id.StartsWith("mailscan_", StringComparison.Ordinal) ? SubtestLevel.ReportOnly : SubtestLevel.Mandatory;

    /// <summary>The full points of a sub-test as declared; 0 for every sub-test that is not mandatory.</summary>
    public static int FullPoints(string id) =>
        ById.TryGetValue(id, out var declared) ? declared.FullPoints : Of(id) == SubtestLevel.Mandatory ? Scoring.Full : 0;

    /// <summary>True for the RPKI sub-tests: they score, but Internet.nl's category icon treats none as mandatory.</summary>
    public static bool IgnoredForMandatory(string id) => RpkiSubtestIds.All.Contains(id);

    /// <summary>A mail-server sub-test where there is no mail server (no MX, null MX): informational, like Internet.nl before it tests.</summary>
    public static SubtestLevel WithoutMailServer => SubtestLevel.Info;

    /// <summary>Extended Master Secret only weighs where TLS 1.2 was offered (without it Internet.nl keeps it at INFO).</summary>
    public static SubtestLevel ExtendedMasterSecret(bool tls12Offered) => tls12Offered ? SubtestLevel.Mandatory : SubtestLevel.Info;

    /// <summary>The certificate's host name is informational for mail unless a DANE-TA record makes it binding (RFC 7672 §3.2.2).</summary>
    public static SubtestLevel CertDomain(bool bindingByDaneTa) => bindingByDaneTa ? SubtestLevel.Mandatory : SubtestLevel.Info;

    /// <summary>DANE validity only weighs when some mail server publishes usable TLSA records.</summary>
    public static SubtestLevel DaneValid(bool usableTlsa) => usableTlsa ? SubtestLevel.Mandatory : SubtestLevel.Info;

    /// <summary>DKIM is skipped, not failed, for a domain that declares it sends no mail.</summary>
    public static SubtestLevel Dkim(bool sendsNoMail) => sendsNoMail ? SubtestLevel.Info : SubtestLevel.Mandatory;

    /// <summary>A status beyond what the level allows is shown at the level (§2.1); not-testable and errors are never clamped.</summary>
    public static TestStatus Clamp(TestStatus status, SubtestLevel level) => (status, level) switch
    {
        (TestStatus.Failed, SubtestLevel.Notice) => TestStatus.Warning,
        (TestStatus.Failed or TestStatus.Warning, SubtestLevel.Info) => TestStatus.Info,
        _ => status,
    };
}
