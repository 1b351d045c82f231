using MailScan.Lab.Tests.Support;
using System.Security.Cryptography;
using System.Text;

namespace MailScan.Lab.Tests.Cluster;

/// <summary>`mailscan batch --server --api-key-file` against a coordinator with API keys, on the lab's RabbitMQ and Redis.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ApiKeyCliTests : IDisposable
{
    private readonly ClusterLab _lab = ClusterLab.Load();
    private readonly string _dir = Directory.CreateTempSubdirectory("mailscan-apikey-").FullName;

    [Fact]
    public async Task The_key_file_lets_a_batch_in_and_the_names_per_day_counted_in_redis_hold_across_a_coordinator_restart()
    {
        var key = $"lab-{Guid.NewGuid():N}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        var keyFile = Path.Combine(_dir, "api.key");
        await File.WriteAllTextAsync(keyFile, key + "\n");
        await using var cluster = await LabCluster.StartAsync(_lab, workers: 1, new Dictionary<string, string>
        {
            ["MAILSCAN__Access__Keys__0__Name"] = "lab-client",
            ["MAILSCAN__Access__Keys__0__Sha256"] = hash,
            ["MAILSCAN__Access__Keys__0__MaxNamesPerDay"] = "6",
        });
        var first = await NamesFileAsync("first", _lab.Domains.Skip(40).Take(4));

        var scanned = await CliProcess.RunAsync(["batch", first, "--server", cluster.Url, "--api-key-file", keyFile]);
        Assert.True(scanned.ExitCode == 0, scanned.Stderr + cluster.Logs());
        var reports = await ResultLines.ReadAsync(Path.Combine(_dir, "first.results.jsonl"));
        Assert.Equal(4, reports.Length);

        var second = await NamesFileAsync("second", _lab.Domains.Skip(44).Take(3));
        var anonymous = await CliProcess.RunAsync(["batch", second, "--server", cluster.Url]);
        Assert.Equal(4, anonymous.ExitCode);
        Assert.Contains("this coordinator needs an API key", anonymous.Stderr);
        Assert.DoesNotContain("   at ", anonymous.Stderr);

        var before = cluster.Coordinator!;
        await before.KillAsync();
        await cluster.StartCoordinatorAsync();
        var overQuota = await CliProcess.RunAsync(["batch", second, "--server", cluster.Url, "--api-key-file", keyFile]);
        Assert.True(overQuota.ExitCode == 5, overQuota.Stderr);
        Assert.Contains("may submit 6 names per UTC day (MaxNamesPerDay) and has used 4 today; 3 more would pass it", overQuota.Stderr);
        Assert.DoesNotContain("   at ", overQuota.Stderr);

        // The coordinators' logs (Information level) show the key's name, never the key, and no report.
        var logs = before.Output + cluster.Coordinator!.Output;
        Assert.Contains("API keys: lab-client", logs);
        Assert.DoesNotContain(key, logs);
        Assert.DoesNotContain("{\"domain\"", logs);
        Assert.All(reports, report => Assert.DoesNotContain(report[..80], logs));
    }

    private async Task<string> NamesFileAsync(string name, IEnumerable<string> domains)
    {
        var path = Path.Combine(_dir, name + ".txt");
        await File.WriteAllLinesAsync(path, domains);
        return path;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
