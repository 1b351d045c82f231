using MailScan.Checks.Verdicts;

namespace MailScan.Cli.Output;

/// <summary>How statuses read to a person, and their colours on a terminal.</summary>
internal static class StatusWords
{
    public static string Word(TestStatus status) => status switch
    {
        TestStatus.Passed => "Passed",
        TestStatus.Failed => "Failed",
        TestStatus.Warning => "Warning",
        TestStatus.Info => "Info",
        TestStatus.NotTested => "Not tested",
        TestStatus.NotTestable => "Not testable",
        _ => "Error",
    };

    /// <summary>The contract's spelling (PASSED, NOT_TESTABLE, ...).</summary>
    public static string Id(TestStatus status) => status switch
    {
        TestStatus.Passed => "PASSED",
        TestStatus.Failed => "FAILED",
        TestStatus.Warning => "WARNING",
        TestStatus.Info => "INFO",
        TestStatus.NotTested => "NOT_TESTED",
        TestStatus.NotTestable => "NOT_TESTABLE",
        _ => "ERROR",
    };

    public static string Colour(TestStatus status) => status switch
    {
        TestStatus.Passed => "\u001b[32m",
        TestStatus.Failed or TestStatus.Error => "\u001b[31m",
        TestStatus.Warning or TestStatus.NotTestable => "\u001b[33m",
        TestStatus.Info => "\u001b[36m",
        _ => "\u001b[90m",
    };
}
