using System.Text.Json;

namespace MailScan.Lab.Tests;

/// <summary>The command-line tool, run as a user runs it, against the lab.</summary>
public sealed class CliTests
{
    [Fact]
    public async Task A_bad_name_exits_2_with_one_clear_line()
    {
        var result = await CliProcess.RunAsync(["scan", "bad..name"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains("bad..name", line);
    }

    [Fact]
    public async Task An_invalid_option_exits_2_naming_the_option()
    {
        var result = await CliProcess.RunAsync(["scan", "ipv6-good.test", "--profile", LabEnvironment.ProfilePath, "--allow-network", "not-a-cidr"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--allow-network", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public async Task A_silent_resolver_exits_3()
    {
        // A lab address where nothing listens on port 53: the resolver never answers.
        var result = await CliProcess.RunAsync(["scan", "ipv6-good.test", "--resolver", "127.100.99.99", "--dns-timeout", "0.5"]);
        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("error: could not scan", result.Stderr);
    }

    [Fact]
    public async Task A_domain_that_does_not_exist_exits_2()
    {
        var result = await CliProcess.RunAsync(["scan", "no-such-domain.test", "--profile", LabEnvironment.ProfilePath]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not exist", result.Stderr);
    }

    [Fact]
    public async Task Json_output_is_the_report_with_the_ids_of_the_mail_test()
    {
        var result = await CliProcess.RunAsync(["scan", "ipv6-good.test", "--profile", LabEnvironment.ProfilePath, "--json"]);
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal("ipv6-good.test", root.GetProperty("domain").GetString());
        var categories = root.GetProperty("categories").EnumerateArray().ToList();
        Assert.Equal(["mail_ipv6", "mail_dnssec", "mail_auth", "mail_starttls", "mail_rpki"], categories.Select(c => c.GetProperty("id").GetString()));
        var ipv6 = categories[0];
        Assert.Equal("PASSED", ipv6.GetProperty("status").GetString());
        Assert.Equal(
            ["mail_ipv6_ns_address", "mail_ipv6_ns_reach", "mail_ipv6_mx_address", "mail_ipv6_mx_reach"],
            ipv6.GetProperty("tests").EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        Assert.All(ipv6.GetProperty("tests").EnumerateArray(), t => Assert.False(string.IsNullOrEmpty(t.GetProperty("reason").GetString())));
        Assert.Equal("mx1.ipv6-good.test", root.GetProperty("servers").GetProperty("mx")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_human_report_shows_each_category_with_its_verdict_and_reasons()
    {
        var result = await CliProcess.RunAsync(["scan", "ipv6-mx-dead.test", "--profile", LabEnvironment.ProfilePath]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Failed : Modern address (IPv6)", result.Stdout);
        Assert.Contains("Passed : Signed domain names (DNSSEC)", result.Stdout);
        Assert.Matches(@"Failed\s+IPv6 reachability of mail server\(s\)\n\s+not reachable over IPv6 on the SMTP port: mx1\.ipv6-mx-dead\.test\s+fd00:dead:", result.Stdout);
    }
}
