using System.Text.Json;
using MailScan.Checks.Options;
using MailScan.Cli.Configuration;

namespace MailScan.Lab.Tests.Support;

/// <summary>Where the checkout and the running lab are. The lab is brought up once by ./test.sh (deploy/lab/up).</summary>
internal static class LabEnvironment
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string ProfilePath => Path.Combine(RepositoryRoot, "deploy", "lab", "lab.json");

    /// <summary>The lab's RPKI fixtures and StayRTR's endpoints (deploy/lab/lib/rpki.sh).</summary>
    public static string RpkiStatePath => Path.Combine(RepositoryRoot, "deploy", "lab", ".state", "rpki");

    public static string CataloguePath => Path.Combine(RepositoryRoot, "deploy", "lab", "catalogue.json");

    /// <summary>The lab's settings, as `--profile deploy/lab/lab.json` gives them.</summary>
    public static MailScanOptions Options()
    {
        if (!File.Exists(ProfilePath))
            throw new InvalidOperationException($"{ProfilePath} is missing: the lab is not up. Run deploy/lab/up (./test.sh does).");
        return OptionsLoader.Load(new CommandLineSettings { Profile = ProfilePath }, new Dictionary<string, string?>());
    }

    /// <summary>The resolver address the lab profile names (the one lab address the scanner may always talk to).</summary>
    public static string ResolverAddress()
    {
        using var profile = JsonDocument.Parse(File.ReadAllText(ProfilePath));
        var resolver = profile.RootElement.GetProperty("Dns").GetProperty("Resolvers")[0].GetString()!;
        return resolver[..resolver.LastIndexOf(':')];
    }

    /// <summary>The built command-line tool of the same configuration as these tests.</summary>
    public static string CliAssembly()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(RepositoryRoot, "src", "MailScan.Cli", "bin", configuration, "net10.0", "mailscan.dll");
        if (!File.Exists(path))
            throw new InvalidOperationException($"{path} is missing; build the solution first");
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MailScanCluster.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("MailScanCluster.sln not found above " + AppContext.BaseDirectory);
    }
}
