using MailScan.Checks.Verdicts;

namespace MailScan.Checks.StartTls;

/// <summary>A sub-test's status and reason for one mail server address.</summary>
public sealed record ServerVerdict(TestStatus Status, string Reason)
{
    public static ServerVerdict Pass(string reason) => new(TestStatus.Passed, reason);
    public static ServerVerdict Fail(string reason) => new(TestStatus.Failed, reason);
    public static ServerVerdict Warn(string reason) => new(TestStatus.Warning, reason);
    public static ServerVerdict Info(string reason) => new(TestStatus.Info, reason);
    public static ServerVerdict NotTested(string reason) => new(TestStatus.NotTested, reason);
    public static ServerVerdict NotTestable(string reason) => new(TestStatus.NotTestable, reason);
}
