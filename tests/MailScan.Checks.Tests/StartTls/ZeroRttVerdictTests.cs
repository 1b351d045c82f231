using MailScan.Checks.StartTls;
using MailScan.Checks.Verdicts;
using MailScan.Tls;
using MailScan.Tls.EarlyData;
using MailScan.Tls.Enumeration;

namespace MailScan.Checks.Tests.StartTls;

/// <summary>mail_starttls_tls_0rtt: always PASSED "not applicable" (no early data is sent on SMTP); the session ticket's early-data evidence is told beside it.</summary>
public sealed class ZeroRttVerdictTests
{
    private static ServerVerdict Judge(EarlyDataResult? earlyData) => TlsServerVerdicts.ZeroRtt(new TlsEvaluation(
        "Verdict", 10, true, [TlsVersion.Tls13, TlsVersion.Tls12], [TlsVersion.Tls11, TlsVersion.Tls10, TlsVersion.Ssl30],
        [], null, [], new KeyExchangeHashResult(true, false, false, []), false, true, true, [], [])
    {
        EarlyData = earlyData,
    });

    [Fact]
    public void A_ticket_that_allows_early_data_is_told_as_evidence_and_still_passes_as_not_applicable()
    {
        var verdict = Judge(new EarlyDataResult(true, "the server's TLS 1.3 session ticket allows 0-RTT early data (max_early_data_size 16384 bytes)") { MaxEarlyDataSize = 16384 });
        Assert.Equal(TestStatus.Passed, verdict.Status);
        Assert.StartsWith("not applicable", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("evidence only", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("16384", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ticket_without_early_data_is_told_beside_the_not_applicable_pass()
    {
        var verdict = Judge(new EarlyDataResult(false, "the server's TLS 1.3 session ticket does not allow early data"));
        Assert.Equal(TestStatus.Passed, verdict.Status);
        Assert.Contains("does not allow early data", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_readable_ticket_the_reason_is_only_not_applicable()
    {
        Assert.Equal(Judge(null).Reason, Judge(new EarlyDataResult(null, "no session ticket was read: the server stopped answering")).Reason);
        Assert.Equal(TestStatus.Passed, Judge(null).Status);
        Assert.DoesNotContain("evidence", Judge(null).Reason, StringComparison.Ordinal);
    }
}
