using System.Text.Json.Nodes;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Coordinator.InternetNl;

/// <summary>
/// One domain of Internet.nl's batch results (API v2 <c>Domain</c>): <c>status</c>,
/// <c>scoring.percentage</c>, <c>results.categories</c>, <c>results.tests</c> (Internet.nl's
/// sub-test ids only) and <c>results.custom</c>. Pure.
/// </summary>
public static class InternetNlDomain
{
    public static JsonObject From(V1.DomainReport report)
    {
        // A domain that could not be scanned carries nothing but its status, as in the API.
        if (report.Error.Length > 0 || report.Categories.Count == 0)
            return new JsonObject { ["status"] = "error" };

        var categories = new JsonObject();
        var tests = new JsonObject();
        foreach (var category in report.Categories)
        {
            categories[category.Id] = new JsonObject
            {
                ["status"] = InternetNlWords.CategoryStatus(category.Status),
                ["verdict"] = InternetNlWords.CategoryVerdict(category, report.Servers),
            };
            foreach (var test in category.Tests.Where(t => InternetNlTestIds.IsInternetNl(t.Id)))
            {
                tests[test.Id] = new JsonObject
                {
                    ["status"] = InternetNlWords.TestStatus(test.Status),
                    ["verdict"] = InternetNlWords.TestVerdict(test.Status),
                };
            }
        }

        var domain = new JsonObject { ["status"] = "ok" };
        if (report.Score.HasValue)
            domain["scoring"] = new JsonObject { ["percentage"] = report.Score };
        domain["results"] = new JsonObject
        {
            ["categories"] = categories,
            ["tests"] = tests,
            ["custom"] = InternetNlCustom.From(report),
        };
        return domain;
    }
}
