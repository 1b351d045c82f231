using MailScan.Checks.Discovery;
using MailScan.Checks.Verdicts;

namespace MailScan.Checks.Scanning;

/// <summary>A category that is not built yet: every sub-test says NOT_TESTED, "not implemented" — never a made-up verdict.</summary>
public sealed class NotImplementedCheck(string categoryId, IReadOnlyList<string> subtestIds) : IMailCheck
{
    public string CategoryId => categoryId;

    public IReadOnlyList<ProbeRequest> Plan(MailServerEvidence servers) => [];

    public CategoryResult Judge(MailServerEvidence servers, IProbeResults results) =>
        new(categoryId, CategoryIds.Heading(categoryId), TestStatus.NotTested,
            "This category is not implemented yet in this version of the scanner.",
            subtestIds.Select(id => new SubtestResult(id, TestStatus.NotTested, "not implemented")).ToList());
}
