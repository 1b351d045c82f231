using MailScan.Redis.Hosting;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace MailScan.Worker.Queues;

/// <summary>
/// Consumer counts from RabbitMQ by a passive queue declare, which every broker answers without
/// the management plugin and which never creates a queue.
/// </summary>
public sealed class RabbitMqConsumerCounts(IOptions<ClusterOptions> cluster) : IQueueConsumerCounts
{
    private const int NotFound = 404;
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    public async Task<IReadOnlyDictionary<string, int>> CountAsync(IReadOnlyCollection<string> queues, CancellationToken cancellationToken)
    {
        var (host, user, password, tls) = RabbitMqAddress.Parse(cluster.Value.RabbitMq
            ?? throw new InvalidOperationException("Cluster:RabbitMq is not set"));
        var factory = new ConnectionFactory
        {
            HostName = host.Host,
            Port = host.Port,
            VirtualHost = host.AbsolutePath.Length > 1 ? Uri.UnescapeDataString(host.AbsolutePath[1..]) : "/",
            UserName = user,
            Password = password,
            AutomaticRecoveryEnabled = false,
            RequestedConnectionTimeout = ConnectTimeout,
            ClientProvidedName = "mailscan consumer check",
            Ssl = RabbitMqTls.Option(tls, host.Host, cluster.Value.RabbitMqCaFile),
        };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var queue in queues)
            counts[queue] = await CountAsync(connection, queue, cancellationToken).ConfigureAwait(false);
        return counts;
    }

    private static async Task<int> CountAsync(IConnection connection, string queue, CancellationToken cancellationToken)
    {
        // A 404 closes the channel, so each queue gets its own.
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            var declared = await channel.QueueDeclarePassiveAsync(queue, cancellationToken).ConfigureAwait(false);
            return (int)declared.ConsumerCount;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == NotFound)
        {
            return 0;
        }
    }
}
