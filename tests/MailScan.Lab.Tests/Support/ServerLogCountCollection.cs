namespace MailScan.Lab.Tests.Support;

/// <summary>
/// Tests that count a lab server's connections in its log run alone: another test class evaluating
/// the same server at the same time would add its connections to the count.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServerLogCountCollection
{
    public const string Name = "server log counts";
}
