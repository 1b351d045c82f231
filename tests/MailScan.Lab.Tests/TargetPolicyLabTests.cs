using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MailScan.Lab.Tests;

/// <summary>
/// Without --allow-network the scanner contacts no lab server but the resolver it was given:
/// strace records every connect/send of the process and its threads, an outside witness.
/// </summary>
public sealed partial class TargetPolicyLabTests
{
    [Fact]
    public async Task Without_allow_network_no_lab_server_is_contacted()
    {
        var profile = ProfileWithout("Targets");
        var (result, destinations) = await TracedScanAsync(profile);

        Assert.Equal(0, result.ExitCode);
        var resolver = LabEnvironment.ResolverAddress();
        Assert.Contains(resolver, destinations);
        Assert.DoesNotContain(destinations, d => d != resolver && IsLabAddress(d));
        Assert.Matches(@"Not testable +IPv6 reachability of name servers\n +could not be tested: ", result.Stdout);
        Assert.Matches(@"\n +ns1\.dns\.test +fd00:dead:\S+ +address not allowed: ", result.Stdout);
        Assert.Matches(@"Not testable +IPv6 reachability of mail server\(s\)\n +could not be tested: ", result.Stdout);
        Assert.Matches(@"\n +mx1\.ipv6-good\.test +fd00:dead:\S+ +address not allowed: ", result.Stdout);
    }

    [Fact]
    public async Task With_allow_network_the_same_trace_shows_the_lab_servers()
    {
        // The control: the trace does see name and mail servers when they are allowed.
        var (result, destinations) = await TracedScanAsync(LabEnvironment.ProfilePath);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains(destinations, d => d != LabEnvironment.ResolverAddress() && IsLabAddress(d));
    }

    private static async Task<(CliProcess.Result Result, HashSet<string> Destinations)> TracedScanAsync(string profile)
    {
        var trace = Path.GetTempFileName();
        try
        {
            var result = await CliProcess.RunAsync(
                ["scan", "ipv6-good.test", "--profile", profile],
                wrapper: "strace",
                wrapperArgs: ["-f", "-qq", "-e", "trace=connect,sendto,sendmsg,sendmmsg", "-o", trace]);
            var destinations = AddressPattern().Matches(await File.ReadAllTextAsync(trace))
                .Select(m => m.Groups["v4"].Success ? m.Groups["v4"].Value : m.Groups["v6"].Value)
                .ToHashSet();
            return (result, destinations);
        }
        finally
        {
            File.Delete(trace);
        }
    }

    private static bool IsLabAddress(string address) =>
        address.StartsWith("127.1", StringComparison.Ordinal) && !address.StartsWith("127.0.", StringComparison.Ordinal)
        || address.StartsWith("fd00:dead:", StringComparison.Ordinal);

    private static string ProfileWithout(string section)
    {
        var json = JsonNode.Parse(File.ReadAllText(LabEnvironment.ProfilePath))!.AsObject();
        json.Remove(section);
        var path = Path.Combine(Path.GetTempPath(), $"mailscan-profile-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    [GeneratedRegex(@"inet_addr\(""(?<v4>[0-9.]+)""\)|inet_pton\(AF_INET6, ""(?<v6>[0-9a-f:]+)""")]
    private static partial Regex AddressPattern();
}
