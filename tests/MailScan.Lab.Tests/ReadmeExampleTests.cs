using System.Text.RegularExpressions;

namespace MailScan.Lab.Tests;

/// <summary>The example report in README.md is what the command beside it prints on the lab (instance prefixes, version and timings masked).</summary>
public sealed partial class ReadmeExampleTests
{
    [Fact]
    public async Task The_readme_example_is_the_start_of_the_real_report()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(LabEnvironment.RepositoryRoot, "README.md"));
        var example = Example().Match(readme);
        Assert.True(example.Success, "README.md has no example report after 'A report reads like this'");
        var command = example.Groups["command"].Value.Split(' ');
        Assert.Equal(["./mailscan", "scan", "ipv6-mx-dead.test", "--profile", "deploy/lab/lab.json"], command);

        var result = await CliProcess.RunAsync([.. command[1..^1], LabEnvironment.ProfilePath]);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith(ReportMask.Apply(example.Groups["report"].Value), ReportMask.Apply(result.Stdout));
    }

    [GeneratedRegex(@"A report reads like this.*?\n```\n(?<command>[^\n]+)\n```\n\n```\n(?<report>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Example();
}
