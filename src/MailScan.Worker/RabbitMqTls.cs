using System.Net.Security;
using MailScan.Tls;
using MassTransit;
using RabbitMQ.Client;

namespace MailScan.Worker;

/// <summary>
/// TLS to RabbitMQ (amqps:// or rabbitmqs://) for the bus and for the consumer check alike: the
/// server's name must match and, with Cluster:RabbitMqCaFile, its chain must end at that CA.
/// </summary>
public static class RabbitMqTls
{
    /// <summary>The bus's TLS settings.</summary>
    public static void Configure(IRabbitMqSslConfigurator ssl, string serverName, string? caFile)
    {
        ssl.ServerName = serverName;
        ssl.Protocol = System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13;
        if (Callback(caFile) is { } callback)
            ssl.CertificateValidationCallback = callback;
    }

    /// <summary>The TLS settings of a RabbitMQ.Client connection; off without TLS.</summary>
    public static SslOption Option(bool tls, string serverName, string? caFile) =>
        new()
        {
            Enabled = tls,
            ServerName = serverName,
            Version = System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13,
            CertificateValidationCallback = tls ? Callback(caFile) : null,
        };

    private static RemoteCertificateValidationCallback? Callback(string? caFile)
    {
        if (string.IsNullOrWhiteSpace(caFile))
            return null;
        var trust = PrivateCaTrust.Load(caFile);
        return (_, certificate, _, errors) => trust.ValidServer(certificate, errors);
    }
}
