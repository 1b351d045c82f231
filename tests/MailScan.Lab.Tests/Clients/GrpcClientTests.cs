using MailScan.Lab.Tests.Cluster;

namespace MailScan.Lab.Tests.Clients;

/// <summary>
/// Clients from other ecosystems against a lab coordinator with a worker: docs/API.md's Python
/// example (Debian's grpcio, stubs generated from protos/ by its own command) and the Node client
/// of deploy/clients (@grpc/grpc-js, protos loaded at run time), each run by the commands the
/// document shows. Each submits a batch, drops its result stream, resumes from the cursor and
/// sees every domain once; each reads ScanDomain's stream.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class GrpcClientTests : IDisposable
{
    private const string Document = "docs/API.md";
    private static readonly string[] Categories = ["mail_auth", "mail_dnssec", "mail_ipv6", "mail_rpki", "mail_starttls"];

    private readonly ClusterLab _lab = ClusterLab.Load();
    private readonly string _dir = Directory.CreateTempSubdirectory("mailscan-clients-").FullName;

    [Fact]
    public async Task The_python_example_of_the_api_document_resumes_a_batch_from_its_cursor_and_reads_a_domains_categories()
    {
        var names = _lab.Domains.Skip(60).Take(10).ToList();
        await File.WriteAllLinesAsync(Path.Combine(_dir, "names.txt"), names);
        await File.WriteAllTextAsync(Path.Combine(_dir, "mailscan_client.py"), DocumentedCommands.Block(Document, "def follow(", "python"));
        Directory.CreateSymbolicLink(Path.Combine(_dir, "protos"), Path.Combine(LabEnvironment.RepositoryRoot, "protos"));
        var lines = Lines(DocumentedCommands.Block(Document, "grpc_tools.protoc"));

        await using var cluster = await LabCluster.StartAsync(_lab, workers: 1);
        var runs = await RunAllAsync(lines, _dir, cluster);

        AssertRuns(lines, runs, names, cluster);
    }

    [Fact]
    public async Task The_node_client_resumes_a_batch_from_its_cursor_and_reads_a_domains_categories()
    {
        var names = _lab.Domains.Skip(70).Take(10).ToList();
        var file = Path.Combine(_dir, "names.txt");
        await File.WriteAllLinesAsync(file, names);
        var block = Lines(DocumentedCommands.Block(Document, "node deploy/clients/mailscan-client.mjs"));
        // test.sh installs the packages with the document's own line; a test sends nothing beyond loopback.
        var install = block.Single(l => l.StartsWith("npm install", StringComparison.Ordinal));
        Assert.Contains(install, await File.ReadAllTextAsync(Path.Combine(LabEnvironment.RepositoryRoot, "test.sh")));
        var lines = block.Where(l => l != install).ToList();

        await using var cluster = await LabCluster.StartAsync(_lab, workers: 1);
        var runs = await RunAllAsync(lines, LabEnvironment.RepositoryRoot, cluster, new Dictionary<string, string> { ["names.txt"] = file });

        AssertRuns(lines, runs, names, cluster);
    }

    private static List<string> Lines(string block) => block.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();

    private async Task<List<DocumentedCommands.Run>> RunAllAsync(
        IReadOnlyList<string> lines, string directory, LabCluster cluster, IReadOnlyDictionary<string, string>? more = null)
    {
        var placeholders = new Dictionary<string, string>(more ?? new Dictionary<string, string>())
        {
            ["127.0.0.1:5080"] = new Uri(cluster.Url).Authority,
            ["example.nl"] = _lab.Domains[0],
        };
        var runs = new List<DocumentedCommands.Run>();
        foreach (var line in lines)
            runs.Add(await DocumentedCommands.RunAsync(line, directory, placeholders));
        return runs;
    }

    private void AssertRuns(IReadOnlyList<string> lines, IReadOnlyList<DocumentedCommands.Run> runs, IReadOnlyList<string> names, LabCluster cluster)
    {
        for (var i = 0; i < lines.Count; i++)
            Assert.True(runs[i].ExitCode == 0, $"{lines[i]}: exit {runs[i].ExitCode}\n{runs[i].Stderr}\n{cluster.Logs()}");
        AssertScan(runs[lines.ToList().FindIndex(l => l.Contains(" scan ", StringComparison.Ordinal))]);
        AssertBatch(runs[lines.ToList().FindIndex(l => l.Contains(" batch ", StringComparison.Ordinal))], names);
    }

    /// <summary>The servers first, each category once, then the report with the same statuses.</summary>
    private void AssertScan(DocumentedCommands.Run scan)
    {
        var lines = scan.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("servers ", lines[0] + " ");
        var categories = lines[1..^1].Select(l => l.Split(' ')).ToList();
        Assert.All(categories, c => Assert.Equal("category", c[0]));
        Assert.Equal(Categories, categories.Select(c => c[1]).Order());
        var report = lines[^1].Split(' ');
        Assert.Equal(["report", _lab.Domains[0]], report[..2]);
        Assert.Equal(categories.Select(c => $"{c[1]}={c[2]}").Order(), report[2..].Order());
        Assert.DoesNotContain(categories, c => c[2] == "STATUS_UNSPECIFIED");
    }

    /// <summary>The stream was cut after the third result and resumed; cursors 1..N, every name once.</summary>
    private static void AssertBatch(DocumentedCommands.Run batch, IReadOnlyList<string> names)
    {
        Assert.Contains("stream lost after result 3 (CANCELLED); resuming", batch.Stderr);
        Assert.Contains($"COMPLETED, {names.Count} of {names.Count} reported", batch.Stderr);
        var results = batch.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToList();
        Assert.Equal(Enumerable.Range(1, names.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), results.Select(r => r[0]));
        Assert.Equal(names.Order(), results.Select(r => r[1]).Order());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
