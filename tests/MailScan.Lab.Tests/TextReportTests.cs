using System.Text.Json;
using System.Text.RegularExpressions;

namespace MailScan.Lab.Tests;

/// <summary>
/// `mailscan scan` of a few lab domains against checked-in text (ExpectedText/), so a change to
/// the report's layout is seen in review. Timings, probe counts, the version and the lab
/// instance's address prefixes are masked. After a deliberate change, rewrite the files with
/// MAILSCAN_WRITE_EXPECTED=1 and read the diff before committing it.
/// </summary>
public sealed partial class TextReportTests
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
        var actual = Masked(result.Stdout);
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

    /// <summary>What differs between runs and lab instances, replaced by placeholders of the same width so the alignment stays.</summary>
    private static string Masked(string text)
    {
        foreach (var (network, placeholder) in InstancePrefixes())
            text = text.Replace(network, placeholder, StringComparison.Ordinal);
        text = Version().Replace(text, "(mailscan x.y.z)");
        return Footer().Replace(text, "in N s with N probes (N reused).");
    }

    /// <summary>The lab instance's IPv4 /16 and IPv6 /48 (LAB_INSTANCE), as in deploy/lab/lab.json.</summary>
    private static IEnumerable<(string Network, string Placeholder)> InstancePrefixes()
    {
        using var profile = JsonDocument.Parse(File.ReadAllText(LabEnvironment.ProfilePath));
        foreach (var network in profile.RootElement.GetProperty("Targets").GetProperty("AllowNetworks").EnumerateArray())
        {
            var cidr = network.GetString()!;
            var prefix = cidr[..cidr.IndexOf('/')];
            if (prefix.Contains(':'))
                yield return (prefix.TrimEnd(':') + ":", "fd00:dead:" + new string('N', prefix.TrimEnd(':').Length - "fd00:dead:".Length) + ":");
            else
                yield return (string.Join('.', prefix.Split('.').Take(2)) + ".", "127." + new string('N', prefix.Split('.')[1].Length) + ".");
        }
    }

    [GeneratedRegex(@"\(mailscan [0-9.]+\)")]
    private static partial Regex Version();

    [GeneratedRegex(@"in [0-9.]+ s with [0-9]+ probes \([0-9]+ reused\)\.")]
    private static partial Regex Footer();
}
