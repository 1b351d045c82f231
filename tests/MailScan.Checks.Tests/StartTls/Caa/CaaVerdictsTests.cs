using MailScan.Checks.StartTls.Caa;
using MailScan.Checks.Verdicts;

namespace MailScan.Checks.Tests.StartTls.Caa;

public sealed class CaaVerdictsTests
{
    private static TestStatus Judge(params CaaRecordData[] records) =>
        CaaVerdicts.Judge(new CaaEvidence("mx.example.nl", records.Length == 0 ? null : "example.nl", "NOERROR", records)).Status;

    [Fact]
    public void An_issue_record_passes() => Assert.Equal(TestStatus.Passed, Judge(new CaaRecordData(0, "issue", "letsencrypt.org; validationmethods=dns-01")));

    [Fact]
    public void No_caa_fails() => Assert.Equal(TestStatus.Failed, Judge());

    [Fact]
    public void Only_iodef_has_no_issuer_and_fails() => Assert.Equal(TestStatus.Failed, Judge(new CaaRecordData(0, "iodef", "mailto:security@example.nl")));

    [Fact]
    public void An_unknown_critical_tag_fails() => Assert.Equal(TestStatus.Failed, Judge(new CaaRecordData(128, "future", "x"), new CaaRecordData(0, "issue", "ca.example")));

    [Fact]
    public void A_malformed_issuer_value_fails() => Assert.Equal(TestStatus.Failed, Judge(new CaaRecordData(0, "issue", "not a domain!")));

    [Fact]
    public void An_empty_issue_value_forbids_issuance_and_is_valid() => Assert.Equal(TestStatus.Passed, Judge(new CaaRecordData(0, "issue", ";")));
}
