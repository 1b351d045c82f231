using MailScan.Cli.Commands;
using MailScan.Cli.Configuration;

namespace MailScan.Cli.Tests.Commands;

public sealed class ClusterSettingsTests
{
    [Fact]
    public void Worker_kinds_are_probe_families_and_an_unknown_one_is_named()
    {
        Assert.Equal(["dns", "smtp"], ServerCommands.Families("dns, smtp", out _));
        Assert.Null(ServerCommands.Families("dns,tls-everything", out var error));
        Assert.Contains("tls-everything", error);
    }

    [Fact]
    public void Invalid_cluster_settings_are_named_with_their_keys()
    {
        var settings = new MailScanSettings { Cluster = { RabbitMq = "amqp-nonsense", Listen = "not a url", HttpListen = "ftp://127.0.0.1:21", WorkerConcurrency = 0 } };
        var errors = settings.Errors().ToList();
        Assert.Contains(errors, e => e.StartsWith("Cluster:RabbitMq (--rabbitmq)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Cluster:Listen", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Cluster:HttpListen (--http-listen)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Cluster:WorkerConcurrency", StringComparison.Ordinal));
    }
}
