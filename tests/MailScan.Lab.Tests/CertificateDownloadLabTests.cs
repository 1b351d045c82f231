using System.Text.Json;
using System.Text.Json.Nodes;

namespace MailScan.Lab.Tests;

/// <summary>
/// A hostile server's certificate can name, in its Authority Information Access, any URL as the
/// place of its missing issuer. aia-fetch.test's mail server and MTA-STS host send such a leaf;
/// the URL points at the lab's recorder (aia-issuer), which this scan's allowed networks leave
/// out. The recorder's log is the outside witness: the scanner must send it nothing, and without
/// the issuer neither chain can be trusted.
/// </summary>
public sealed class CertificateDownloadLabTests
{
    private static string RecorderLog => Path.Combine(LabEnvironment.RepositoryRoot, "deploy", "lab", ".state", "labservers", "aia-requests.log");

    [Fact]
    public async Task A_certificate_naming_its_issuer_outside_the_allowed_networks_makes_no_request_and_is_not_trusted()
    {
        Assert.True(File.Exists(RecorderLog), $"{RecorderLog} is missing: the lab's AIA recorder is not running (deploy/lab/up)");
        var before = RecordedRequests();
        var profile = ProfileAllowingOnlyTheScannedServers();
        try
        {
            var result = await CliProcess.RunAsync(["scan", "aia-fetch.test", "--profile", profile, "--json"]);

            Assert.Equal(0, result.ExitCode);
            Assert.Equal(before, RecordedRequests());
            using var report = JsonDocument.Parse(result.Stdout);
            var tests = report.RootElement.GetProperty("categories").EnumerateArray()
                .SelectMany(c => c.GetProperty("tests").EnumerateArray())
                .ToDictionary(t => t.GetProperty("id").GetString()!, t => t);
            // cert_chain is an informational sub-test (Internet.nl's level): an untrusted chain reads INFO, with the reason.
            var chain = tests["mail_starttls_cert_chain"];
            Assert.Equal("INFO", chain.GetProperty("status").GetString());
            Assert.Contains("not trusted", chain.GetProperty("reason").GetString(), StringComparison.Ordinal);
            var mtaSts = tests["mailscan_mta_sts"];
            Assert.NotEqual("PASSED", mtaSts.GetProperty("status").GetString());
            Assert.Contains("not trusted", mtaSts.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(profile);
        }
    }

    private static string[] RecordedRequests() => File.ReadAllLines(RecorderLog);

    /// <summary>The lab profile with its IPv4 network cut to the first quarter (resolver, name, mail and MTA-STS servers), which leaves the recorder out.</summary>
    private static string ProfileAllowingOnlyTheScannedServers()
    {
        var json = JsonNode.Parse(File.ReadAllText(LabEnvironment.ProfilePath))!.AsObject();
        var networks = json["Targets"]!["AllowNetworks"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        var v4 = networks.Single(n => n.Contains('.', StringComparison.Ordinal));
        json["Targets"]!["AllowNetworks"] = new JsonArray(networks.Select(n => (JsonNode)JsonValue.Create(n == v4 ? v4.Replace("/16", "/18", StringComparison.Ordinal) : n)!).ToArray());
        var path = Path.Combine(Path.GetTempPath(), $"mailscan-aia-profile-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }
}
