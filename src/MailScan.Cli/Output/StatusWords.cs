using V1 = MailScan.Contracts.V1;

namespace MailScan.Cli.Output;

/// <summary>
/// How statuses read to a person, in Internet.nl's report words (its "notice" reads as
/// Recommendation, its "info" as Information), and their colours on a terminal.
/// </summary>
internal static class StatusWords
{
    public static string Word(V1.Status status) => status switch
    {
        V1.Status.Passed => "Passed",
        V1.Status.Failed => "Failed",
        V1.Status.Warning => "Recommendation",
        V1.Status.Info => "Information",
        V1.Status.NotTested => "Not tested",
        V1.Status.NotTestable => "Not testable",
        _ => "Error",
    };

    /// <summary>The widest word, for aligning a column of them.</summary>
    public static int Width { get; } = Enum.GetValues<V1.Status>().Max(s => Word(s).Length);

    /// <summary>The contract's spelling (PASSED, NOT_TESTABLE, ...).</summary>
    public static string Id(Checks.Verdicts.TestStatus status) => ContractStatus.Name(Coordinator.Reports.ReportMapper.ToProto(status));

    public static string Colour(V1.Status status) => status switch
    {
        V1.Status.Passed => "\u001b[32m",
        V1.Status.Failed or V1.Status.Error => "\u001b[31m",
        V1.Status.Warning or V1.Status.NotTestable => "\u001b[33m",
        V1.Status.Info => "\u001b[36m",
        _ => "\u001b[90m",
    };
}
