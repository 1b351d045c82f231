using System.Text.Json;

namespace MailScan.Lab.Tests.Support.Hostile;

/// <summary>One scan of the hostile lab: the command line's exit code, its JSON report (when it printed one) and its peak memory.</summary>
public sealed record HostileScan(int ExitCode, JsonElement? Report, string Stderr, long PeakKiB)
{
    /// <summary>The sub-test with this id.</summary>
    public JsonElement Test(string id)
    {
        Assert.True(Report is not null, $"no report; stderr: {Stderr}");
        foreach (var category in Report.Value.GetProperty("categories").EnumerateArray())
        {
            foreach (var test in category.GetProperty("tests").EnumerateArray())
            {
                if (test.GetProperty("id").GetString() == id)
                    return test;
            }
        }
        throw new Xunit.Sdk.XunitException($"the report has no sub-test {id}");
    }

    public string Status(string id) => Test(id).GetProperty("status").GetString()!;

    public string Reason(string id) => Test(id).GetProperty("reason").GetString()!;

    /// <summary>The per-server rows of a STARTTLS sub-test for one MX name.</summary>
    public IReadOnlyList<(string Status, string Reason)> Servers(string id, string mx) =>
        Test(id).GetProperty("details").GetProperty("servers").EnumerateArray()
            .Where(s => s.GetProperty("mx").GetString() == mx)
            .Select(s => (s.GetProperty("status").GetString()!, s.GetProperty("reason").GetString()!))
            .ToList();
}
