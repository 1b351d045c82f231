using MailScan.Cli.Configuration;
using MailScan.Cli.Hosting;
using MailScan.Coordinator.Access;
using MailScan.Redis.Hosting;

namespace MailScan.Cli.Tests.Hosting;

public sealed class GrpcEndpointTests
{
    [Theory]
    [InlineData("http://0.0.0.0:5080", 0, false, true)]
    [InlineData("https://[::]:5443", 0, false, true)]
    [InlineData("http://10.1.2.3:5080", 0, false, true)]
    [InlineData("http://0.0.0.0:5080", 0, true, false)]
    [InlineData("http://0.0.0.0:5080", 1, false, false)]
    [InlineData("http://127.0.0.1:5080", 0, false, false)]
    [InlineData("http://[::1]:5080", 0, false, false)]
    [InlineData("http://localhost:5080", 0, false, false)]
    public void An_api_without_keys_beyond_loopback_is_refused_unless_opened_on_purpose(string listen, int keys, bool insecureOpen, bool refused)
    {
        var options = new MailScanSettings { Cluster = { Listen = listen, InsecureOpen = insecureOpen } };
        for (var i = 0; i < keys; i++)
            options.Access.Keys.Add(new ApiKeyOptions { Name = "research", Sha256 = new string('a', 64) });
        var refusal = GrpcEndpoint.RefusalToOpen(options);
        Assert.Equal(refused, refusal is not null);
        if (refusal is not null)
            Assert.Contains("--insecure-open", refusal);
    }

    [Fact]
    public void Https_needs_a_certificate_and_a_key_and_tls_files_need_https()
    {
        var https = new ClusterOptions { Listen = "https://0.0.0.0:5443" }.ListenTlsErrors().ToList();
        Assert.Equal(2, https.Count);
        Assert.Contains(https, e => e.StartsWith("Cluster:ListenCertificateFile", StringComparison.Ordinal));
        Assert.Contains(https, e => e.StartsWith("Cluster:ListenKeyFile", StringComparison.Ordinal));
        var plain = new ClusterOptions { Listen = "http://0.0.0.0:5080", ListenClientCaFile = "/etc/mailscan/ca.pem" }.ListenTlsErrors().ToList();
        Assert.Contains("is not https://", Assert.Single(plain));
    }
}
