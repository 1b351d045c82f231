namespace MailScan.Lab.Tests.Support.Cluster;

/// <summary>
/// Cluster tests that need no embedded scan to compare with: like the cluster collection they run
/// alone (one RabbitMQ, one mail log), but without its fixture, so they scan a part of a TLD of any size.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SharedBatchCollection
{
    public const string Name = "cluster, no embedded scan";
}
