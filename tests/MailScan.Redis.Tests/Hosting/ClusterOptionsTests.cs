using MailScan.Redis.Hosting;

namespace MailScan.Redis.Tests.Hosting;

/// <summary>The cluster's settings are checked where they live, with the same keys and words as before they moved.</summary>
public sealed class ClusterOptionsTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        var cluster = new ClusterOptions();
        Assert.Empty(cluster.Errors());
        Assert.Empty(cluster.ListenTlsErrors());
    }

    [Fact]
    public void A_CA_file_without_a_certificate_is_named_with_its_key_and_the_reason()
    {
        var empty = Path.GetTempFileName();
        try
        {
            Assert.Equal([$"Cluster:RedisCaFile: '{empty}' holds no PEM certificate"], new ClusterOptions { RedisCaFile = empty }.Errors());
        }
        finally
        {
            File.Delete(empty);
        }
    }

    [Fact]
    public void Out_of_range_values_are_named_and_a_connection_URL_is_never_echoed()
    {
        var cluster = new ClusterOptions { RabbitMq = "ftp://guest:secret@host/", WorkerConcurrency = 0, WorkerStrictWaits = -1, BusMargin = TimeSpan.Zero };

        var errors = cluster.Errors().ToList();

        Assert.Equal(4, errors.Count);
        Assert.StartsWith("Cluster:RabbitMq (--rabbitmq): not a URL", errors[0]);
        Assert.DoesNotContain("secret", errors[0]);
        Assert.Equal("Cluster:WorkerConcurrency: 0 is out of range (1-1000)", errors[1]);
        Assert.Equal("Cluster:WorkerStrictWaits: -1 is out of range (0-10000)", errors[2]);
        Assert.StartsWith("Cluster:BusMargin: 00:00:00 is out of range", errors[3]);
    }

    [Fact]
    public void A_client_CA_without_https_is_an_error()
    {
        Assert.Equal(["Cluster:ListenClientCaFile: set, but Cluster:Listen (--listen) 'http://127.0.0.1:5080' is not https://"],
            new ClusterOptions { ListenClientCaFile = "/etc/ca.pem" }.ListenTlsErrors());
    }
}
