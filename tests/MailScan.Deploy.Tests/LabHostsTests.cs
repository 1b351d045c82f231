namespace MailScan.Deploy.Tests;

/// <summary>deploy/lab/hosts.conf: every lab host has addresses of its own, so two hosts added apart cannot end up answering on one socket.</summary>
public sealed class LabHostsTests
{
    [Fact]
    public void No_two_lab_hosts_share_a_name_or_an_address()
    {
        var hosts = File.ReadLines(Path.Combine(RepositoryPaths.Root, "deploy", "lab", "hosts.conf"))
            .Where(l => !l.TrimStart().StartsWith('#'))
            .Select(l => l.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 4)
            .ToList();
        Assert.NotEmpty(hosts);

        static IEnumerable<string> Shared(IEnumerable<string> values) =>
            values.Where(v => v != "-").GroupBy(v => v).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(Shared(hosts.Select(h => h[0])));
        Assert.Empty(Shared(hosts.Select(h => h[2])));
        Assert.Empty(Shared(hosts.Select(h => h[3])));
    }
}
