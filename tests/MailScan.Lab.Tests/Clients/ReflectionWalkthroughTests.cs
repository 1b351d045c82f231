using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace MailScan.Lab.Tests.Clients;

/// <summary>
/// The README's walk-through of the API by reflection, run line by line as written against a lab
/// coordinator started by the README's own command: the client learns the services and messages
/// from the server, scans a domain and submits a batch without any .proto file of its own.
/// </summary>
public sealed class ReflectionWalkthroughTests
{
    private const string Document = "README.md";

    [Fact]
    public async Task The_readme_walkthrough_lists_describes_scans_and_submits_through_reflection()
    {
        var serveLine = DocumentedCommands.Block(Document, "./mailscan serve --profile").Trim();
        var lines = DocumentedCommands.Block(Document, "mailscan-reflect.mjs 127.0.0.1:5080 list")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var authority = $"127.0.0.1:{FreePort()}";
        var placeholders = new Dictionary<string, string>
        {
            ["127.0.0.1:5080"] = authority,
            ["http://127.0.0.1:5080"] = $"http://{authority}",
            ["deploy/lab/lab.json"] = LabEnvironment.ProfilePath,
        };
        await using var serve = ServiceProcess.Start("serve", ReadmeCommands.Arguments(serveLine, placeholders), new Dictionary<string, string> { ["NO_COLOR"] = "1" });

        var list = await UntilAnsweredAsync(lines[0], placeholders, serve);
        Assert.Contains("mailscan.v1.MailScanService", list.Stdout.Split('\n'));
        Assert.Contains("grpc.health.v1.Health", list.Stdout.Split('\n'));

        var service = await RunAsync(lines[1], placeholders, serve);
        Assert.Contains("rpc ScanDomain(ScanDomainRequest) returns (stream ScanEvent);", service.Stdout);
        Assert.Contains("rpc SubmitBatch(stream SubmitBatchRequest) returns (SubmitBatchResponse);", service.Stdout);
        var message = await RunAsync(lines[2], placeholders, serve);
        Assert.Contains("repeated string names = ", message.Stdout);

        var scan = (await RunAsync(lines[3], placeholders, serve)).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.True(scan[0].TryGetProperty("servers", out _), "the servers come first");
        Assert.Equal(5, scan.Count(e => e.TryGetProperty("category", out _)));
        Assert.Equal("nullmx.test", scan[^1].GetProperty("report").GetProperty("domain").GetString());

        var submitted = JsonDocument.Parse((await RunAsync(lines[4], placeholders, serve)).Stdout).RootElement;
        Assert.Equal("2", submitted.GetProperty("accepted").GetString());
        var batchId = submitted.GetProperty("batch_id").GetString()!;
        var status = JsonDocument.Parse((await RunAsync(lines[5].Replace("BATCH_ID", batchId, StringComparison.Ordinal), placeholders, serve)).Stdout).RootElement;
        Assert.Equal(batchId, status.GetProperty("batch_id").GetString());
        Assert.Equal("2", status.GetProperty("total").GetString());
    }

    private static async Task<DocumentedCommands.Run> RunAsync(string line, IReadOnlyDictionary<string, string> placeholders, ServiceProcess serve)
    {
        var run = await DocumentedCommands.RunAsync(line, LabEnvironment.RepositoryRoot, placeholders);
        Assert.True(run.ExitCode == 0, $"{line}: exit {run.ExitCode}\n{run.Stderr}\n{serve.Output}");
        return run;
    }

    /// <summary>The first line, repeated while the coordinator is still starting.</summary>
    private static async Task<DocumentedCommands.Run> UntilAnsweredAsync(string line, IReadOnlyDictionary<string, string> placeholders, ServiceProcess serve)
    {
        for (var attempt = 0; ; attempt++)
        {
            var run = await DocumentedCommands.RunAsync(line, LabEnvironment.RepositoryRoot, placeholders);
            if (run.ExitCode == 0 || attempt == 60 || serve.HasExited)
            {
                Assert.True(run.ExitCode == 0, $"{line}: exit {run.ExitCode}\n{run.Stderr}\n{serve.Output}");
                return run;
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
