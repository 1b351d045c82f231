using System.Net;
using System.Text.Json.Nodes;

namespace MailScan.Lab.Tests.Browser;

/// <summary>The web page of a cluster's coordinator keeps its permalinks in Redis: a report made before a restart is still there after it.</summary>
[Collection(ClusterCollection.Name)]
public sealed class WebPageClusterTests
{
    private readonly ClusterLab _lab = ClusterLab.Load();

    [Fact]
    public async Task A_permalink_outlives_the_coordinator_that_made_it()
    {
        await using var cluster = await LabCluster.StartAsync(_lab, workers: 1, new Dictionary<string, string> { ["MAILSCAN__Web__Enabled"] = "true" });
        // The page shares the coordinator's HTTP/1.1 listener with the batch REST API.
        var url = cluster.RestUrl;
        var domain = _lab.Domains[0];
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromMinutes(3) };

        var scan = await http.PostAsync(url + "/web/scan", new FormUrlEncodedContent(new Dictionary<string, string> { ["domain"] = domain }));
        Assert.True(scan.StatusCode == HttpStatusCode.SeeOther, $"{scan.StatusCode}: {await scan.Content.ReadAsStringAsync()}\n{cluster.Logs()}");
        var permalink = url + scan.Headers.Location!.OriginalString;
        var before = await http.GetStringAsync(permalink + ".json");

        await cluster.Coordinator!.StopAsync();
        await cluster.StartCoordinatorAsync();

        var after = await http.GetStringAsync(permalink + ".json");
        Assert.Equal(before, after);
        Assert.Equal(domain, (string?)JsonNode.Parse(after)!["domain"]);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(url + "/web/report/" + new string('0', 32))).StatusCode);
    }
}
