using V1 = MailScan.Contracts.V1;

namespace MailScan.Coordinator.Reports;

/// <summary>
/// How statuses read to a person, in Internet.nl's report words (its "notice" reads as
/// Recommendation, its "info" as Information): the one table the text report and the web pages share.
/// </summary>
public static class StatusWords
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
    public static string Id(Checks.Verdicts.TestStatus status) => ContractStatus.Name(ReportMapper.ToProto(status));
}
