using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MailScan.Lab.Tests.Support.Cluster;

/// <summary>
/// A Redis of its own for one test, as a hardened deployment runs it: TLS only (its certificate
/// issued by the test's CA for its address), the default user off, and one ACL user with a
/// password. The password is in its configuration file, not on its command line.
/// </summary>
internal sealed class SecureRedis : IAsyncDisposable
{
    private readonly Process _process;

    private SecureRedis(Process process, string address, int port, string user, string password)
    {
        _process = process;
        (Address, Port, User, Password) = (address, port, user, password);
    }

    public string Address { get; }
    public int Port { get; }
    public string User { get; }
    public string Password { get; }

    /// <summary>The rediss:// URL of the ACL user.</summary>
    public string Url => $"rediss://{User}:{Password}@{Address}:{Port}";

    public static async Task<SecureRedis> StartAsync(string directory, string address, int port, string caPem, string caKeyPem)
    {
        var (certificate, key) = IssueServerCertificate(address, caPem, caKeyPem);
        var certFile = Path.Combine(directory, "redis.pem");
        var keyFile = Path.Combine(directory, "redis.key");
        await File.WriteAllTextAsync(certFile, certificate);
        await File.WriteAllTextAsync(keyFile, key);
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var config = Path.Combine(directory, "redis.conf");
        await File.WriteAllLinesAsync(config,
        [
            $"bind {address}",
            "port 0",
            $"tls-port {port}",
            $"tls-cert-file {certFile}",
            $"tls-key-file {keyFile}",
            $"tls-ca-cert-file {caPem}",
            "tls-auth-clients no",
            "save \"\"",
            "appendonly no",
            $"dir {directory}",
            "user default off",
            $"user mailscan on >{password} ~* &* +@all",
        ]);
        var process = Process.Start(new ProcessStartInfo("redis-server", [config]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var redis = new SecureRedis(process, address, port, "mailscan", password);
        await redis.WaitListeningAsync();
        return redis;
    }

    private async Task WaitListeningAsync()
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"redis-server exited: {await _process.StandardOutput.ReadToEndAsync()}");
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(IPAddress.Parse(Address), Port);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException("redis-server did not listen within 20 s");
    }

    /// <summary>A certificate for <paramref name="address"/> issued by the CA of the two PEM files.</summary>
    private static (string Certificate, string Key) IssueServerCertificate(string address, string caPem, string caKeyPem)
    {
        using var ca = X509Certificate2.CreateFromPemFile(caPem, caKeyPem);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={address}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Parse(address));
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var serial = RandomNumberGenerator.GetBytes(12);
        using var issued = request.Create(ca, ca.NotBefore, ca.NotBefore.AddDays(2), serial);
        return (issued.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>Stops Redis, as an outage would.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
            _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }
}
