using System.Diagnostics;
using System.Text.Json;

namespace MailScan.Lab.Tests;

/// <summary>
/// The lab's nodes (`deploy/lab/nodes up K`): the coordinator and each worker in a network
/// namespace of its own. A worker's namespace reaches the lab's targets (the resolver over IPv4
/// and IPv6, a mail server's greeting) and the coordinator's address, and nothing routes out of
/// it: no default route.
/// </summary>
public sealed class NodesLabTests
{
    [Fact]
    public async Task A_worker_namespace_reaches_the_targets_and_the_coordinator_and_no_other_network()
    {
        var instance = Environment.GetEnvironmentVariable("LAB_INSTANCE") ?? "0";
        var nodes = Path.Combine(LabEnvironment.RepositoryRoot, "deploy", "lab", "nodes");
        var up = await RunAsync(nodes, "up", "2");
        Assert.True(up.ExitCode == 0, up.Errors);
        try
        {
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(LabEnvironment.RepositoryRoot, "deploy", "lab", "nodes.json")));
            var listed = json.RootElement.GetProperty("Nodes").EnumerateArray().Select(n => (Name: n.GetProperty("Name").GetString()!, Address: n.GetProperty("Address").GetString()!)).ToList();
            Assert.Equal([$"mailscan{instance}-coord", $"mailscan{instance}-w1", $"mailscan{instance}-w2"], listed.Select(n => n.Name));
            var namespaces = (await RunAsync("ip", "netns", "list")).Output;
            Assert.All(listed, n => Assert.Contains(n.Name, namespaces));
            var worker = listed[1].Name;
            var coordinator = listed[0];

            // No way out but to the lab: the routes are the bridge's subnet and the lab's own ranges.
            Assert.Equal("", (await RunAsync("ip", "-n", worker, "route", "show", "default")).Output.Trim());
            Assert.Equal("", (await RunAsync("ip", "-n", worker, "-6", "route", "show", "default")).Output.Trim());

            // The targets: the resolver over IPv4 and IPv6, and a mail server's greeting.
            var resolver = LabHosts.V4("resolver");
            foreach (var server in new[] { resolver, $"fd00:dead:{instance}::53" })
            {
                var answer = await RunAsync("ip", "netns", "exec", worker, "kdig", "+short", "+timeout=3", "+retry=1", $"@{server}", "ipv6-good.test", "SOA");
                Assert.True(answer.ExitCode == 0 && answer.Output.Contains(" hostmaster.", StringComparison.Ordinal), $"{server}: {answer.Output} {answer.Errors}");
            }
            var greeting = await RunAsync("ip", "netns", "exec", worker, "bash", "-c", $"exec 3<>/dev/tcp/{LabHosts.V4("mx-good")}/25; head -c 4 <&3");
            Assert.Equal("220 ", greeting.Output);

            // The coordinator's namespace: a listener there answers the worker.
            using var listener = Start("ip", "netns", "exec", coordinator.Name, "python3", "-c",
                $"import socket\ns = socket.create_server(('{coordinator.Address}', 5080))\nprint('ready', flush=True)\nc, _ = s.accept()\nc.sendall(b'coordinator')\nc.close()");
            Assert.Equal("ready", await listener.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20)));
            var reply = await RunAsync("ip", "netns", "exec", worker, "bash", "-c", $"exec 3<>/dev/tcp/{coordinator.Address}/5080; cat <&3");
            Assert.Equal("coordinator", reply.Output);
            await listener.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }
        finally
        {
            await RunAsync(nodes, "down");
        }
        Assert.DoesNotContain($"mailscan{instance}-", (await RunAsync("ip", "netns", "list")).Output);
    }

    private static Process Start(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string file, params string[] args)
    {
        using var process = Start(file, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return (process.ExitCode, await output, await errors);
    }
}
