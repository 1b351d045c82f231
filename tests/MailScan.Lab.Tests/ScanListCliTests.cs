using System.Text;
using System.Text.Json;

namespace MailScan.Lab.Tests;

/// <summary><c>mailscan scan-list FILE</c> on a file as users write them: the bad lines are named with their numbers, the rest is scanned.</summary>
public sealed class ScanListCliTests
{
    [Fact]
    public async Task A_messy_file_is_scanned_and_every_bad_line_is_reported_with_its_number()
    {
        var file = Path.GetTempFileName();
        try
        {
            var lines = new[]
            {
                "# lab domains",             // 1 comment
                "ipv6-good.test",            // 2
                "",                          // 3 blank
                "  IPV6-GOOD.TEST.  ",       // 4 duplicate (case, dot, spaces)
                "bad..name",                 // 5 invalid
                "postmaster@auth-good.test", // 6 an e-mail address: its domain
                "bücher-nowhere.test # IDN", // 7 valid IDN, does not exist
                "192.0.2.1",                 // 8 an address, not a name
            };
            await File.WriteAllTextAsync(file, string.Join("\r\n", lines), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            var result = await CliProcess.RunAsync(["scan-list", file, "--profile", LabEnvironment.ProfilePath, "--json"]);

            Assert.Equal(2, result.ExitCode);
            var reports = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(["auth-good.test", "ipv6-good.test"], reports.Select(r => r.GetProperty("domain").GetString()).Order(StringComparer.Ordinal));
            Assert.Contains($"note: {file}:4: ipv6-good.test is on line 2 already; scanned once", result.Stderr);
            Assert.Contains($"error: {file}:5: 'bad..name' has an empty label", result.Stderr);
            Assert.Contains($"error: {file}:7: xn--bcher-nowhere-wob.test does not exist (NXDOMAIN)", result.Stderr);
            Assert.Contains($"error: {file}:8: '192.0.2.1' is an IP address", result.Stderr);
            Assert.Contains($"{file}: 2 of 3 domains scanned; 2 invalid and 1 repeated lines skipped", result.Stderr);
            Assert.DoesNotContain("   at ", result.Stderr);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
