namespace MailScan.Lab.Tests;

/// <summary>
/// Tests that count connections in a lab server's own log run alone: any other test touching the
/// same listener at the same moment would add its connections to the count.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServerLogCollection
{
    public const string Name = "Counts read from the lab servers' logs";
}
