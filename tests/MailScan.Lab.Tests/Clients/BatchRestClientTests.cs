using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MailScan.Lab.Tests.Cluster;

namespace MailScan.Lab.Tests.Clients;

/// <summary>
/// Internet.nl's batch REST API on a lab coordinator with Redis and a worker, driven by the Node
/// client of deploy/clients, which builds its calls from docs/internetnl/batch-api.openapi.yaml and
/// checks every answer against it: docs/INTERNETNL-REST.md's commands, run as written, register,
/// follow, read results and technical results, cancel and list; another key and no key are refused
/// as the document says.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BatchRestClientTests : IDisposable
{
    private const string Document = "docs/INTERNETNL-REST.md";
    private const string Client = "node deploy/clients/internetnl-batch.mjs";

    private readonly ClusterLab _lab = ClusterLab.Load();
    private readonly string _dir = Directory.CreateTempSubdirectory("mailscan-rest-").FullName;

    [Fact]
    public async Task The_documented_client_session_registers_follows_reads_results_cancels_and_lists_under_a_basic_key()
    {
        var key = $"registry-{Guid.NewGuid():N}";
        var other = $"other-{Guid.NewGuid():N}";
        var names = _lab.Domains.Skip(80).Take(10).ToList();
        await File.WriteAllLinesAsync(Path.Combine(_dir, "names.txt"), names);
        await File.WriteAllLinesAsync(Path.Combine(_dir, "more.txt"), _lab.Domains.Skip(100).Take(5));
        Directory.CreateSymbolicLink(Path.Combine(_dir, "deploy"), Path.Combine(LabEnvironment.RepositoryRoot, "deploy"));
        var session = DocumentedCommands.Block(Document, Client + " http://127.0.0.1:8080 register names.txt");
        var cancel = DocumentedCommands.Block(Document, Client + " http://127.0.0.1:8080 cancel");

        await using var cluster = await LabCluster.StartAsync(_lab, workers: 1, new Dictionary<string, string>
        {
            ["MAILSCAN__Access__Keys__0__Name"] = "registry",
            ["MAILSCAN__Access__Keys__0__Sha256"] = Sha256(key),
            ["MAILSCAN__Access__Keys__1__Name"] = "other",
            ["MAILSCAN__Access__Keys__1__Sha256"] = Sha256(other),
        });
        var placeholders = new Dictionary<string, string>
        {
            ["MAILSCAN_API_KEY=YOUR-KEY"] = $"MAILSCAN_API_KEY={key}",
            ["http://127.0.0.1:8080"] = cluster.RestUrl,
        };
        var run = await RunScriptAsync(session, placeholders, cluster);

        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var done = lines[0].Split(' ');
        Assert.Equal(["done", $"{names.Count}/{names.Count}", "names.txt"], done[1..]);
        var id = done[0];
        var results = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, "results.json")))!;
        Assert.Equal(names.Order(StringComparer.Ordinal), results["domains"]!.AsObject().Select(d => d.Key));
        Assert.All(results["domains"]!.AsObject(), d => Assert.Equal(5, d.Value!["results"]!["categories"]!.AsObject().Count));
        var technical = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, "technical.json")))!;
        Assert.Equal(names.Order(StringComparer.Ordinal), technical["domains"]!.AsObject().Select(d => d.Key));
        Assert.Contains(technical["domains"]!.AsObject(), d => d.Value!["receiving_mailservers"]!.AsObject().Count > 0);
        Assert.Equal(names.Count * 2, lines.Count(l => names.Any(n => l.StartsWith(n + " ok ", StringComparison.Ordinal))));
        Assert.Equal($"{id} done {names.Count}/{names.Count} names.txt", lines[^1]);

        // Without a worker nothing of the next requests is scanned: the cancel finds the request running.
        await cluster.Workers[0].StopAsync();
        var stopped = await RunScriptAsync(session.Split('\n')[0] + "\n" + cancel, placeholders, cluster);
        var cancelled = stopped.Stdout.Trim().Split(' ');
        Assert.Equal(["cancelled", "more"], cancelled[1..]);

        // The curl calls of the document: a registration (running: no worker) and a list that shows it first.
        var curlDomains = _lab.Domains.Skip(90).Take(2).ToList();
        var curl = DocumentedCommands.Block(Document, "curl -s -u registry:YOUR-KEY").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var curlPlaceholders = new Dictionary<string, string>
        {
            ["registry:YOUR-KEY"] = $"registry:{key}",
            ["'{\"type\":\"mail\",\"name\":\"by-curl\",\"domains\":[\"example.nl\",\"example.com\"]}'"] =
                $"'{{\"type\":\"mail\",\"name\":\"by-curl\",\"domains\":[\"{curlDomains[0]}\",\"{curlDomains[1]}\"]}}'",
            ["http://127.0.0.1:8080/api/batch/v2/requests"] = $"{cluster.RestUrl}/api/batch/v2/requests",
            ["'http://127.0.0.1:8080/api/batch/v2/requests?limit=1'"] = $"'{cluster.RestUrl}/api/batch/v2/requests?limit=1'",
        };
        var registered = await DocumentedCommands.RunAsync(curl[0], _dir, curlPlaceholders);
        var listedByCurl = await DocumentedCommands.RunAsync(curl[1], _dir, curlPlaceholders);
        var request = JsonNode.Parse(registered.Stdout)!["request"]!;
        Assert.Equal(("by-curl", "running"), ((string?)request["name"], (string?)request["status"]));
        Assert.Equal((string?)request["request_id"], (string?)JsonNode.Parse(listedByCurl.Stdout)!["requests"]![0]!["request_id"]);

        // Refusals are answers the document lists too: the client checks them and exits with 4.
        var bob = await DocumentedCommands.RunAsync($"MAILSCAN_API_KEY={other} {Client} {cluster.RestUrl} status {id}", _dir, new Dictionary<string, string>());
        Assert.Equal(4, bob.ExitCode);
        Assert.Contains("404 unknown-request", bob.Stderr, StringComparison.Ordinal);
        var nobody = await DocumentedCommands.RunAsync($"{Client} {cluster.RestUrl} list", _dir, new Dictionary<string, string>());
        Assert.Equal(4, nobody.ExitCode);
        Assert.Contains("401 unauthorised", nobody.Stderr, StringComparison.Ordinal);
        var early = await DocumentedCommands.RunAsync($"MAILSCAN_API_KEY={key} {Client} {cluster.RestUrl} results {cancelled[0]} early.json", _dir, new Dictionary<string, string>());
        Assert.Equal(4, early.ExitCode);
        Assert.Contains("400 bad-request", early.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rest_paths_answer_on_the_http_listener_only_not_on_the_health_port()
    {
        await using var cluster = await LabCluster.StartAsync(_lab, workers: 0);
        using var http = new HttpClient();
        var rest = await http.GetAsync($"{cluster.RestUrl}/api/batch/v2/requests");
        var health = await http.GetAsync($"{cluster.CoordinatorHealth}/api/batch/v2/requests");
        Assert.Equal(System.Net.HttpStatusCode.OK, rest.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, health.StatusCode);
    }

    /// <summary>A block of the document as one bash script, its placeholder words replaced line by line, run in the test's directory.</summary>
    private async Task<DocumentedCommands.Run> RunScriptAsync(string block, IReadOnlyDictionary<string, string> placeholders, LabCluster cluster)
    {
        var script = string.Join('\n', block.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => string.Join(' ', line.Split(' ').Select(w => placeholders.GetValueOrDefault(w, w)))));
        var run = await DocumentedCommands.RunAsync(script, _dir, new Dictionary<string, string>());
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}\n{cluster.Logs()}");
        return run;
    }

    private static string Sha256(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
