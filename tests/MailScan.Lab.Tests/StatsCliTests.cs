namespace MailScan.Lab.Tests;

/// <summary>`mailscan stats` as a user runs it on a results file that a crash cut short.</summary>
public sealed class StatsCliTests
{
    private const string Report = """{"domain":"a.nl","categories":[{"id":"mail_ipv6","status":"PASSED","tests":[{"id":"mail_ipv6_mx_address","status":"PASSED"}]}]}""";

    [Fact]
    public async Task A_truncated_last_line_is_skipped_with_its_number_and_the_table_is_printed()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, Report + "\n" + Report + "\n" + Report[..50]);
            var result = await CliProcess.RunAsync(["stats", file]);

            Assert.True(result.ExitCode == 0, result.Stderr);
            Assert.Contains($"{file}:3: skipped: not a report", result.Stderr);
            Assert.DoesNotContain("   at ", result.Stderr);
            Assert.Contains("2 domains scanned (0 could not be scanned, 1 lines unreadable)", result.Stdout);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
