using MailScan.Checks.StartTls;
using MailScan.Checks.Verdicts;
using MailScan.Tls;
using MailScan.Tls.Enumeration;

namespace MailScan.Checks.Tests.StartTls;

/// <summary>mail_starttls_tls_version: any insufficient version accepted (SSL 2.0 included) fails; an enumeration cut short before every version was asked is not testable.</summary>
public sealed class VersionVerdictTests
{
    private static TlsEvaluation Tls(TlsVersion[] accepted, TlsVersion[] refused, bool complete = true) => new(
        "Verdict", 10, complete, accepted, refused, [], null, [], new KeyExchangeHashResult(true, false, false, []), false, true, true, [], complete ? [] : ["connection budget of 3 hellos spent"]);

    [Fact]
    public void A_server_that_accepts_ssl2_beside_modern_versions_fails_and_the_reason_names_ssl2()
    {
        var verdict = TlsServerVerdicts.Version(Tls([TlsVersion.Tls13, TlsVersion.Tls12, TlsVersion.Ssl20], [TlsVersion.Tls11, TlsVersion.Tls10, TlsVersion.Ssl30]));
        Assert.Equal(TestStatus.Failed, verdict.Status);
        Assert.Contains("insufficient versions accepted: SSL 2.0 (", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_that_refused_ssl2_and_every_old_version_passes()
    {
        var verdict = TlsServerVerdicts.Version(Tls([TlsVersion.Tls13, TlsVersion.Tls12], [TlsVersion.Tls11, TlsVersion.Tls10, TlsVersion.Ssl30, TlsVersion.Ssl20]));
        Assert.Equal(TestStatus.Passed, verdict.Status);
    }

    [Fact]
    public void An_enumeration_stopped_before_ssl2_was_asked_is_not_testable()
    {
        var verdict = TlsServerVerdicts.Version(Tls([TlsVersion.Tls13, TlsVersion.Tls12], [TlsVersion.Tls11, TlsVersion.Tls10, TlsVersion.Ssl30], complete: false));
        Assert.Equal(TestStatus.NotTestable, verdict.Status);
        Assert.Contains("budget", verdict.Reason, StringComparison.Ordinal);
    }
}
