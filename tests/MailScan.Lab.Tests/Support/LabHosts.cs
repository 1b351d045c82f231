namespace MailScan.Lab.Tests.Support;

/// <summary>The addresses of the lab's hosts (deploy/lab/hosts.conf) for this lab instance (LAB_INSTANCE).</summary>
internal static class LabHosts
{
    public static string V4(string host)
    {
        var instance = int.TryParse(Environment.GetEnvironmentVariable("LAB_INSTANCE"), out var i) ? i : 0;
        var line = File.ReadLines(Path.Combine(LabEnvironment.RepositoryRoot, "deploy", "lab", "hosts.conf"))
            .Select(l => l.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .FirstOrDefault(f => f.Length >= 4 && f[0] == host && !f[0].StartsWith('#'))
            ?? throw new InvalidOperationException($"{host} is not in hosts.conf");
        return $"127.{100 + instance}.{line[2]}";
    }
}
