using MailScan.Lab.Tests.Support;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using V1 = MailScan.Contracts.V1;

namespace MailScan.Lab.Tests.Cluster;

/// <summary>
/// The deployment of docs/OPERATIONS.md ("A deployment with TLS and keys"), from its own commands:
/// a CA made with the document's openssl lines, a coordinator started by the document's script
/// (TLS, client certificates, an API key, a rediss:// Redis with an ACL user and a password, the
/// lab's RabbitMQ over amqps), a worker on the same Redis and RabbitMQ, and the document's
/// `mailscan batch` line as the client.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TransportSecurityTests : IDisposable
{
    private const string Document = "docs/OPERATIONS.md";
    private readonly ClusterLab _lab = ClusterLab.Load();
    private readonly string _dir = Directory.CreateTempSubdirectory("mailscan-tls-").FullName;

    [Fact]
    public async Task The_documented_tls_deployment_scans_for_a_client_with_certificate_and_key_and_refuses_one_without()
    {
        var address = $"{_lab.Net}.50.4";
        var url = $"https://{address}:5443";
        foreach (var line in Lines(DocumentedCommands.Block(Document, "openssl req -x509")))
        {
            var made = await DocumentedCommands.RunAsync(line, _dir, new Dictionary<string, string> { ["subjectAltName=DNS:scanner.example.org"] = $"subjectAltName=IP:{address}" });
            Assert.True(made.ExitCode == 0, $"{line}\n{made.Stderr}");
        }
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await File.WriteAllTextAsync(Path.Combine(_dir, "research.key"), key);
        await using var redis = await SecureRedis.StartAsync(_dir, $"{_lab.Net}.63.80", 6380, Path.Combine(_dir, "ca.pem"), Path.Combine(_dir, "ca.key"));

        var prefix = $"test-{Guid.NewGuid():N}:";
        var coordinatorHealth = $"http://{address}:5081";
        await using var coordinator = ServiceProcess.StartScript("coordinator", CoordinatorScript(url, redis), _dir, new Dictionary<string, string>
        {
            ["KEY"] = key,
            ["MAILSCAN__Cluster__RedisPrefix"] = prefix,
            ["MAILSCAN__Cluster__CoordinatorId"] = "tls-test-coordinator",
            ["MAILSCAN__Cluster__HealthListen"] = coordinatorHealth,
            // RabbitMQ's certificate is of the lab CA, not of the document's.
            ["MAILSCAN__Cluster__RabbitMqCaFile"] = _lab.CaFile,
            ["NO_COLOR"] = "1",
        });
        await LabCluster.WaitReadyAsync(coordinator, coordinatorHealth);
        var workerHealth = $"http://{_lab.Net}.51.4:5081";
        await using var worker = ServiceProcess.Start("worker", ["--profile", LabEnvironment.ProfilePath, "worker", "--health-listen", workerHealth], new Dictionary<string, string>
        {
            ["MAILSCAN__Cluster__RabbitMq"] = AmqpsUrl,
            ["MAILSCAN__Cluster__RabbitMqCaFile"] = _lab.CaFile,
            ["MAILSCAN__Cluster__Redis"] = redis.Url,
            ["MAILSCAN__Cluster__RedisCaFile"] = Path.Combine(_dir, "ca.pem"),
            ["MAILSCAN__Cluster__RedisPrefix"] = prefix,
            ["NO_COLOR"] = "1",
        });
        await LabCluster.WaitReadyAsync(worker, workerHealth);
        var logs = () => $"--- coordinator\n{coordinator.Output}\n--- worker\n{worker.Output}";

        await File.WriteAllLinesAsync(Path.Combine(_dir, "names.txt"), _lab.Domains.Skip(60).Take(3));
        var client = DocumentedCommands.Block(Document, "mailscan batch names.txt --server https://").Trim();
        var scanned = await DocumentedCommands.RunAsync(client, _dir, new Dictionary<string, string>
        {
            ["mailscan"] = $"dotnet {LabEnvironment.CliAssembly()}",
            ["https://scanner.example.org:5443"] = url,
        });
        Assert.True(scanned.ExitCode == 0, scanned.Stderr + logs());
        Assert.Equal(3, (await ResultLines.ReadAsync(Path.Combine(_dir, "names.results.jsonl"))).Length);

        // Without a client certificate the handshake fails; without the CA the coordinator is not trusted; in clear text nothing answers.
        var noCertificate = await BatchAsync("--server", url, "--ca-file", "ca.pem", "--api-key-file", "research.key");
        Assert.True(noCertificate.ExitCode == 3, noCertificate.Stderr);
        Assert.DoesNotContain("   at ", noCertificate.Stderr);
        var untrusted = await BatchAsync("--server", url, "--client-cert", "client.pem", "--client-key", "client.key", "--api-key-file", "research.key");
        Assert.True(untrusted.ExitCode == 3, untrusted.Stderr);
        Assert.Contains("The remote certificate is invalid because of errors in the certificate chain", untrusted.Stderr);
        Assert.DoesNotContain("   at ", untrusted.Stderr);
        var clearText = await BatchAsync("--server", url.Replace("https://", "http://", StringComparison.Ordinal), "--api-key-file", "research.key");
        Assert.True(clearText.ExitCode == 3, clearText.Stderr);

        // Redis gone: the client learns that the store is away, not Redis's own text with its endpoint.
        await redis.StopAsync();
        using var channel = GrpcChannel.ForAddress(url, new GrpcChannelOptions { HttpHandler = new MailScan.Cli.Batch.CoordinatorTls(Path.Combine(_dir, "ca.pem"), Path.Combine(_dir, "client.pem"), Path.Combine(_dir, "client.key")).Handler() });
        var grpc = new V1.MailScanService.MailScanServiceClient(channel);
        var outage = await Assert.ThrowsAsync<RpcException>(async () => await grpc.GetBatchAsync(
            new V1.GetBatchRequest { BatchId = "00000000000000000000000000000000" }, new Metadata { { "authorization", $"Bearer {key}" } }));
        Assert.Equal(StatusCode.Unavailable, outage.StatusCode);
        Assert.Equal("the batch store cannot be reached; try again later", outage.Status.Detail);

        // Neither the API key nor the Redis password is in any log line.
        Assert.DoesNotContain(key, logs());
        Assert.DoesNotContain(redis.Password, logs());
        Assert.DoesNotContain(redis.Password, scanned.Stderr + noCertificate.Stderr + untrusted.Stderr);
    }

    [Fact]
    public async Task A_coordinator_without_keys_refuses_to_listen_beyond_loopback()
    {
        // Refused before anything binds: the settings are checked before the host is built.
        var refused = await CliProcess.RunAsync(["--profile", LabEnvironment.ProfilePath, "serve", "--listen", "http://0.0.0.0:5099"]);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("http://0.0.0.0:5099 is reachable beyond this machine and no Access:Keys are configured", refused.Stderr);
        Assert.Contains("--insecure-open", refused.Stderr);
    }

    /// <summary>The document's coordinator script with this lab's paths, Redis and RabbitMQ; its last line execs the built tool with the lab profile.</summary>
    private string CoordinatorScript(string url, SecureRedis redis)
    {
        var script = DocumentedCommands.Block(Document, "mailscan coordinator --listen https://0.0.0.0:5443")
            .Replace("/etc/mailscan/", _dir + "/", StringComparison.Ordinal)
            .Replace("rediss://mailscan:REDIS_PASSWORD@redis.internal:6380", redis.Url, StringComparison.Ordinal)
            .Replace("amqps://mailscan:RABBITMQ_PASSWORD@rabbitmq.internal:5671/", AmqpsUrl, StringComparison.Ordinal)
            .Replace("mailscan coordinator --listen https://0.0.0.0:5443", $"exec dotnet {LabEnvironment.CliAssembly()} --profile {LabEnvironment.ProfilePath} coordinator --listen {url}", StringComparison.Ordinal);
        Assert.DoesNotContain("REDIS_PASSWORD", script);
        Assert.DoesNotContain("/etc/mailscan", script);
        return script;
    }

    /// <summary>The lab's RabbitMQ over TLS, as its default user (the lab lets guest in from its addresses).</summary>
    private string AmqpsUrl => _lab.RabbitMqTls.Replace("amqps://", "amqps://guest:guest@", StringComparison.Ordinal);

    private Task<CliProcess.Result> BatchAsync(params string[] flags)
    {
        var output = Path.Combine(_dir, $"refused-{Guid.NewGuid():N}.jsonl");
        return CliProcess.RunAsync(["batch", Path.Combine(_dir, "names.txt"), "--out", output, .. flags.Select(f => File.Exists(Path.Combine(_dir, f)) ? Path.Combine(_dir, f) : f)]);
    }

    private static IEnumerable<string> Lines(string block) => block.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
