using System.Text.Json;
using System.Text.RegularExpressions;

namespace MailScan.Lab.Tests.Hostile;

/// <summary>
/// targets-special.test points everything a scan would contact at special-use addresses: MX
/// hosts on 127.0.0.1, ::1 and 10.0.0.1, a name server on 10.0.0.1 and ::1, the MTA-STS host on
/// 127.0.0.1. None of them is in the lab profile's allowed networks, so none may be contacted:
/// each is reported as not allowed, and strace, an outside witness, sees no packet to them.
/// </summary>
public sealed partial class SpecialUseTargetLabTests
{
    private static readonly string[] SpecialAddresses = ["127.0.0.1", "10.0.0.1", "::1"];

    [Fact]
    public async Task Special_use_addresses_from_dns_are_reported_and_never_contacted()
    {
        var trace = Path.GetTempFileName();
        try
        {
            var result = await CliProcess.RunAsync(
                ["scan", "targets-special.test", "--profile", LabEnvironment.ProfilePath, "--json"],
                wrapper: "strace",
                wrapperArgs: ["-f", "-qq", "-e", "trace=connect,sendto,sendmsg,sendmmsg", "-o", trace]);
            Assert.Equal(0, result.ExitCode);
            var contacted = AddressPattern().Matches(await File.ReadAllTextAsync(trace))
                .Select(m => m.Groups["v4"].Success ? m.Groups["v4"].Value : m.Groups["v6"].Value)
                .ToHashSet();
            Assert.NotEmpty(contacted); // the trace works: the resolver at least was asked
            Assert.DoesNotContain(contacted, SpecialAddresses.Contains);

            var report = new HostileScan(result.ExitCode, JsonDocument.Parse(result.Stdout).RootElement, result.Stderr, 0);
            var servers = report.Test("mail_starttls_tls_available").GetProperty("details").GetProperty("servers").EnumerateArray().ToList();
            Assert.Equal(["10.0.0.1", "127.0.0.1", "::1"], servers.Select(s => s.GetProperty("address").GetString()).Order(StringComparer.Ordinal));
            Assert.All(servers, s => Assert.Contains("address not allowed", s.GetProperty("reason").GetString()));
            Assert.Contains("address not allowed: ::1 is loopback", report.Reason("mail_ipv6_ns_reach"));
            Assert.Contains("address not allowed: 127.0.0.1 is loopback", report.Reason("mailscan_mta_sts"));
        }
        finally
        {
            File.Delete(trace);
        }
    }

    [GeneratedRegex(@"inet_addr\(""(?<v4>[0-9.]+)""\)|inet_pton\(AF_INET6, ""(?<v6>[0-9a-f:]+)""")]
    private static partial Regex AddressPattern();
}
