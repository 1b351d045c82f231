namespace MailScan.Lab.Tests.Cluster;

/// <summary>The cluster tests share one RabbitMQ and the synthetic mail servers' log: they run one after another.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "cluster";
}
