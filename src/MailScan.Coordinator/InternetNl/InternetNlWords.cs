using V1 = MailScan.Contracts.V1;

namespace MailScan.Coordinator.InternetNl;

/// <summary>
/// Our statuses in the words of Internet.nl's batch API v2 (docs/INTERNETNL-BATCH.md has the table
/// and why). The API has no word for "could not be measured": like Internet.nl, that is `error`.
/// </summary>
public static class InternetNlWords
{
    /// <summary>A category's <c>status</c>: passed, failed, warning, info or error.</summary>
    public static string CategoryStatus(V1.Status status) => status switch
    {
        V1.Status.Passed => "passed",
        V1.Status.Failed => "failed",
        V1.Status.Warning => "warning",
        V1.Status.Info or V1.Status.NotTested => "info",
        _ => "error",
    };

    /// <summary>A sub-test's <c>status</c>: passed, failed, warning, info, not_tested or error.</summary>
    public static string TestStatus(V1.Status status) => status switch
    {
        V1.Status.Passed => "passed",
        V1.Status.Failed => "failed",
        V1.Status.Warning => "warning",
        V1.Status.Info => "info",
        V1.Status.NotTested => "not_tested",
        _ => "error",
    };

    /// <summary>
    /// A sub-test's <c>verdict</c>. Internet.nl's is the last word of a translation key of its own
    /// per test; we give the generic words its keys use: good, bad, info, not-tested, could-not-test.
    /// </summary>
    public static string TestVerdict(V1.Status status) => status switch
    {
        V1.Status.Passed => "good",
        V1.Status.Failed or V1.Status.Warning => "bad",
        V1.Status.Info => "info",
        V1.Status.NotTested => "not-tested",
        _ => "could-not-test",
    };

    /// <summary>
    /// A category's <c>verdict</c>: its status word, except for mail_starttls, whose verdict names
    /// why there was nothing to test (no-mx, null-mx, null-mx-with-other-mx) or that a server
    /// could not be reached (unreachable), as Internet.nl's does.
    /// </summary>
    public static string CategoryVerdict(V1.CategoryResult category, V1.MailServers? servers)
    {
        if (category.Id != Checks.Verdicts.CategoryIds.StartTls)
            return CategoryStatus(category.Status);
        return (servers, category.Status) switch
        {
            ({ NullMx: true, Mx.Count: > 0 }, _) => "null-mx-with-other-mx",
            ({ NullMx: true }, _) => "null-mx",
            ({ Mx.Count: 0 }, _) => "no-mx",
            (_, V1.Status.NotTestable) => "unreachable",
            _ => CategoryStatus(category.Status),
        };
    }
}
