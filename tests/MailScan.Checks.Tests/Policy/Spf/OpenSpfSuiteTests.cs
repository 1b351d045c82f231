using System.Net;
using MailScan.Checks.Policy.Spf;

namespace MailScan.Checks.Tests.Policy.Spf;

/// <summary>Every case of the OpenSPF RFC 7208 suite through our check_host(), zone data served from memory.</summary>
public sealed class OpenSpfSuiteTests
{
    public static TheoryData<string> Cases() => new(OpenSpfSuite.All.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Suite_case_gets_the_expected_result(string id)
    {
        var test = OpenSpfSuite.All[id];
        var evaluator = new SpfEvaluator(test.Zone, TimeProvider.System);
        var request = SpfRequest.ForMailFrom(IPAddress.Parse(test.Host), test.MailFrom, test.Helo);

        var result = await evaluator.CheckHostAsync(request, CancellationToken.None);

        var got = result.Result.ToString().ToLowerInvariant();
        Assert.True(test.Results.Contains(got), $"{id}: expected {string.Join(" or ", test.Results)}, got {got} ({result.Reason})");
        if (test.Explanation is "DEFAULT")
            Assert.Null(result.Explanation);
        else if (test.Explanation is { } explanation)
            Assert.Equal(explanation, result.Explanation, ignoreCase: true);
    }

    [Fact]
    public void The_whole_suite_is_loaded() => Assert.True(OpenSpfSuite.All.Count > 200, $"only {OpenSpfSuite.All.Count} cases");
}
