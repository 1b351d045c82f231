namespace MailScan.Lab.Tests.Support.Cluster;

/// <summary>
/// The cluster tests share one RabbitMQ and the synthetic mail servers' log: they run one after
/// another, and compare with one embedded scan of the synthetic TLD made at the start.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection : ICollectionFixture<EmbeddedSynthScan>
{
    public const string Name = "cluster";
}
