namespace MailScan.Lab.Tests.Support.Hostile;

/// <summary>The hostile-server tests share one set of scans, started together.</summary>
[CollectionDefinition(Name)]
public sealed class HostileCollection : ICollectionFixture<HostileScans>
{
    public const string Name = "hostile";
}
