namespace MailScan.Lab.Tests;

/// <summary>
/// `mailscan scan` of a few lab domains against checked-in text (ExpectedText/), so a change to
/// the report's layout is seen in review (<see cref="ReportMask"/> masks what differs between
/// runs). After a deliberate change, rewrite the files with MAILSCAN_WRITE_EXPECTED=1 and read the
/// diff before committing it.
/// </summary>
public sealed class TextReportTests
{
    [Theory]
    [InlineData("ipv6-mx-dead.test")]
    [InlineData("nullmx.test")]
    [InlineData("dmarc-ext-missing.test")]
    [InlineData("tls-421.test")]
    public async Task The_text_report_is_the_checked_in_one(string domain)
    {
        var result = await CliProcess.RunAsync(["scan", domain, "--profile", LabEnvironment.ProfilePath]);
        Assert.Equal(0, result.ExitCode);
        var actual = ReportMask.Apply(result.Stdout);
        var path = Path.Combine(LabEnvironment.RepositoryRoot, "tests", "MailScan.Lab.Tests", "ExpectedText", domain + ".txt");
        if (Environment.GetEnvironmentVariable("MAILSCAN_WRITE_EXPECTED") == "1")
            await File.WriteAllTextAsync(path, actual);
        Assert.Equal(await File.ReadAllTextAsync(path), actual);
    }

    [Fact]
    public async Task Ids_are_shown_beside_the_labels_with_the_flag()
    {
        var result = await CliProcess.RunAsync(["scan", "ipv6-mx-dead.test", "--profile", LabEnvironment.ProfilePath, "--ids"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("IPv6 reachability of mail server(s)  [mail_ipv6_mx_reach]", result.Stdout);
        Assert.DoesNotContain("\u001b", result.Stdout, StringComparison.Ordinal);
    }
}
