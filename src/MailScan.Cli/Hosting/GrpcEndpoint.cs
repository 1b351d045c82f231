using System.Net;
using System.Security.Cryptography.X509Certificates;
using MailScan.Cli.Configuration;
using MailScan.Redis.Hosting;
using MailScan.Tls;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace MailScan.Cli.Hosting;

/// <summary>
/// The coordinator's gRPC endpoint: TLS from Cluster:ListenCertificateFile and ListenKeyFile when
/// Cluster:Listen is https://, client certificates under Cluster:ListenClientCaFile (mutual TLS),
/// and the rule that an API without keys stays on loopback unless the operator opens it on purpose.
/// </summary>
internal static class GrpcEndpoint
{
    /// <summary>True when the endpoint is reachable from this machine only.</summary>
    public static bool IsLoopback(string listen)
    {
        var host = new Uri(listen).Host;
        return host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>Why this coordinator must not start, or null: without API keys, beyond loopback, only with --insecure-open.</summary>
    public static string? RefusalToOpen(MailScanSettings settings) =>
        settings.Access.Keys.Count == 0 && !settings.Cluster.InsecureOpen && !IsLoopback(settings.Cluster.Listen)
            ? $"Cluster:Listen (--listen): {settings.Cluster.Listen} is reachable beyond this machine and no Access:Keys are configured, so anyone who reaches it could scan through this coordinator; configure API keys (docs/OPERATIONS.md), listen on loopback, or start with --insecure-open to accept that"
            : null;

    /// <summary>TLS on the endpoint when Listen is https://, with client certificates required when a client CA is set.</summary>
    public static void UseTls(ListenOptions listen, ClusterOptions cluster)
    {
        if (!cluster.Listen.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            return;
        var certificate = X509Certificate2.CreateFromPemFile(cluster.ListenCertificateFile!, cluster.ListenKeyFile);
        listen.UseHttps(https =>
        {
            https.ServerCertificate = certificate;
            if (string.IsNullOrWhiteSpace(cluster.ListenClientCaFile))
                return;
            var clients = PrivateCaTrust.Load(cluster.ListenClientCaFile);
            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            // Kestrel's own check trusts the system's roots; a client is trusted for its chain to the client CA alone.
            https.ClientCertificateValidation = (certificate, _, _) => clients.Issued(certificate);
        });
    }
}
