using System.Text.Json;

namespace MailScan.Lab.Tests.Support.Cluster;

/// <summary>The lab's cluster part as deploy/lab/cluster wrote it in deploy/lab/cluster.json: RabbitMQ (AMQP and amqps, whose certificate is of the lab CA), Redis, the synthetic TLD.</summary>
internal sealed record ClusterLab(string RabbitMq, string Redis, string DomainsFile, string SynthMaillog, string RabbitMqTls, string CaFile)
{
    public static string SettingsPath => Path.Combine(LabEnvironment.RepositoryRoot, "deploy", "lab", "cluster.json");

    public IReadOnlyList<string> Domains => File.ReadAllLines(DomainsFile).Where(l => l.Length > 0).ToList();

    /// <summary>This lab instance's IPv4 prefix (127.(100+I)), where test processes get their addresses.</summary>
    public string Net { get; } = LabEnvironment.ResolverAddress()[..LabEnvironment.ResolverAddress().IndexOf(".0.", StringComparison.Ordinal)];

    public static ClusterLab Load()
    {
        if (!File.Exists(SettingsPath))
            throw new InvalidOperationException($"{SettingsPath} is missing: the cluster part of the lab is not up. Run deploy/lab/cluster up (./test.sh does).");
        using var json = JsonDocument.Parse(File.ReadAllText(SettingsPath));
        var root = json.RootElement;
        return new ClusterLab(
            root.GetProperty("RabbitMq").GetString()!,
            root.GetProperty("Redis").GetString()!,
            root.GetProperty("Domains").GetString()!,
            root.GetProperty("SynthMaillog").GetString()!,
            root.GetProperty("RabbitMqTls").GetString()!,
            root.GetProperty("CaFile").GetString()!);
    }
}
