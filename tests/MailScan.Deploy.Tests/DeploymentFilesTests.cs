using System.Diagnostics;

namespace MailScan.Deploy.Tests;

/// <summary>
/// docker-compose.yml and k8s/ pass the offline validators (deploy/validate: dclint, the
/// Kubernetes schemas, and the cross-checks no schema knows); a broken copy does not.
/// ./test.sh installs the validators' npm packages.
/// </summary>
public sealed class DeploymentFilesTests
{
    private static readonly string Root = RepositoryPaths.Root;

    [Fact]
    public async Task The_compose_file_and_the_manifests_pass_the_offline_validators()
    {
        var (code, output) = await ValidateAsync(Root);
        Assert.True(code == 0, output);
        Assert.Contains("deployment files valid", output);
    }

    [Theory]
    [InlineData("k8s/worker-smtp.yaml", "replicas: 2", "replicas: two", "replicas")]
    [InlineData("k8s/keda.yaml", "queueName: probe-smtp", "queueName: probe-tls", "probe-tls")]
    [InlineData("k8s/coordinator.yaml", "app.kubernetes.io/name: coordinator\n  ports", "app.kubernetes.io/name: coordinatr\n  ports", "selects no pods")]
    [InlineData("docker-compose.yml", "    expose:\n      - '8080'\n\n  rabbitmq", "    expose:\n      - '8080'\n    restart_policy: always\n\n  rabbitmq", "dclint")]
    [InlineData("k8s/monitoring.yaml", "    - port: metrics", "    - port: metric", "no selected Service has a port named metric")]
    [InlineData("docker-compose.yml", "\"worker\", \"--kinds\", \"smtp\"", "\"worker\", \"--kinds\", \"smtps\"", "smtps")]
    [InlineData("deploy/docker/unbound.conf", "    do-not-query-address: 169.254.0.0/16\n", "", "may query 169.254.0.0/16")]
    [InlineData("deploy/docker/unbound.conf", "    do-not-query-address: 8000::/1\n", "", "may query fc00::/7")]
    [InlineData("deploy/docker/unbound.conf", "    private-address: 10.0.0.0/8\n", "", "passes 10.0.0.0/8 in answers")]
    [InlineData("k8s/worker-smtp.yaml", ":$(RABBITMQ_PASSWORD)@", ":change-me@", "worker-smtp: literal secret in MAILSCAN__Cluster__RabbitMq")]
    [InlineData("k8s/rabbitmq.yaml", "valueFrom:\n                secretKeyRef:\n                  name: mailscan-secrets\n                  key: RABBITMQ_PASSWORD", "value: change-me", "literal secret in RABBITMQ_DEFAULT_PASS")]
    [InlineData("k8s/configmap.yaml", "  MAILSCAN__Scan__DomainConcurrency: \"64\"", "  MAILSCAN__Scan__DomainConcurrency: \"64\"\n  MAILSCAN__Cluster__Redis: redis:6379,password=change-me", "literal secret in MAILSCAN__Cluster__Redis")]
    [InlineData("k8s/configmap.yaml", "  MAILSCAN__Scan__DomainConcurrency: \"64\"", "  MAILSCAN__Scan__DomainConcurrency: \"64\"\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: mailscan-extra\nstringData:\n  API_TOKEN: abc", "a shipped Secret carries working values")]
    [InlineData("docker-compose.yml", "RABBITMQ_DEFAULT_PASS: ${MAILSCAN_RABBITMQ_PASSWORD:?set MAILSCAN_RABBITMQ_PASSWORD in .env}", "RABBITMQ_DEFAULT_PASS: change-me", "service rabbitmq: literal secret in RABBITMQ_DEFAULT_PASS")]
    [InlineData("k8s/network-policy.yaml", "app.kubernetes.io/name: unbound\n  policyTypes", "app.kubernetes.io/name: unbond\n  policyTypes", "NetworkPolicy resolver: selects no pods")]
    public async Task A_broken_copy_is_caught(string file, string find, string replace, string expected)
    {
        var copy = Directory.CreateTempSubdirectory("mailscan-deploy-").FullName;
        try
        {
            foreach (var path in Directory.GetFiles(Path.Combine(Root, "k8s")).Concat(Directory.GetFiles(Path.Combine(Root, "deploy", "docker"))).Append(Path.Combine(Root, "docker-compose.yml")))
            {
                var target = Path.Combine(copy, Path.GetRelativePath(Root, path));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(path, target);
            }
            var broken = Path.Combine(copy, file);
            var text = await File.ReadAllTextAsync(broken);
            Assert.Contains(find, text);
            await File.WriteAllTextAsync(broken, text.Replace(find, replace, StringComparison.Ordinal));

            var (code, output) = await ValidateAsync(copy);
            Assert.Equal(1, code);
            Assert.Contains(expected, output);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static async Task<(int Code, string Output)> ValidateAsync(string root)
    {
        var script = Path.Combine(Root, "deploy", "validate", "validate.mjs");
        Assert.True(Directory.Exists(Path.Combine(Root, "deploy", "validate", "node_modules")),
            "the validators are not installed: npm install --prefix deploy/validate (./test.sh does)");
        var start = new ProcessStartInfo("node", [script, root]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }
}
