using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace MailScan.Architecture.Tests;

/// <summary>
/// The borders between the projects of src/ (docs/ARCHITECTURE.md): the libraries know nothing of
/// mail checks or hosts, the hosts stay thin, every project has its test project whose folders
/// mirror its own, and every source file lives in the namespace of its project. The compiler enforces a border once the
/// reference is missing; this test keeps the reference from coming back.
/// </summary>
public sealed partial class ProjectBordersTests
{
    /// <summary>Each project of src/ and the projects it may reference directly.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["MailScan.Parsing"] = [],
        ["MailScan.Telemetry"] = [],
        ["MailScan.Politeness"] = [],
        ["MailScan.Tls"] = ["MailScan.Parsing", "MailScan.Telemetry"],
        ["MailScan.Dns"] = ["MailScan.Parsing", "MailScan.Telemetry"],
        ["MailScan.Rpki"] = ["MailScan.Dns", "MailScan.Parsing", "MailScan.Tls", "MailScan.Telemetry"],
        ["MailScan.Checks"] = ["MailScan.Dns", "MailScan.Parsing", "MailScan.Politeness", "MailScan.Tls", "MailScan.Rpki", "MailScan.Telemetry"],
        // Bus messages and the gRPC contract only: both sides map them to their own types.
        ["MailScan.Contracts"] = [],
        // What the cluster keeps in Redis implements the libraries' contracts (the gate, the VRP source), not the checks.
        ["MailScan.Redis"] = ["MailScan.Parsing", "MailScan.Politeness", "MailScan.Rpki", "MailScan.Telemetry", "MailScan.Tls"],
        ["MailScan.Worker"] = ["MailScan.Checks", "MailScan.Contracts", "MailScan.Redis"],
        // The coordinator hosts in-process probe consumers for `serve` and the embedded mode.
        ["MailScan.Coordinator"] = ["MailScan.Contracts", "MailScan.Redis", "MailScan.Worker"],
        ["MailScan.Cli"] = ["MailScan.Coordinator", "MailScan.Worker"],
    };

    private static readonly string Root = FindRoot();

    [Fact]
    public void Every_project_of_src_is_known_here()
    {
        Assert.Equal(Allowed.Keys.Order(StringComparer.Ordinal), SourceProjects().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void No_project_references_one_beyond_its_border()
    {
        var forbidden = SourceProjects()
            .SelectMany(p => p.Value.Where(r => !Allowed[p.Key].Contains(r)).Select(r => $"{p.Key} -> {r}"))
            .ToList();
        Assert.True(forbidden.Count == 0, "references outside the borders: " + string.Join(", ", forbidden));
    }

    [Fact]
    public void The_libraries_reach_no_check_and_no_host_even_indirectly()
    {
        var projects = SourceProjects();
        string[] libraries = ["MailScan.Parsing", "MailScan.Telemetry", "MailScan.Politeness", "MailScan.Tls", "MailScan.Dns", "MailScan.Rpki"];
        string[] above = ["MailScan.Checks", "MailScan.Contracts", "MailScan.Redis", "MailScan.Worker", "MailScan.Coordinator", "MailScan.Cli"];
        foreach (var library in libraries)
            Assert.Empty(Reachable(projects, library).Intersect(above));
    }

    [Fact]
    public void The_Redis_code_reaches_no_check_and_no_host_even_indirectly()
    {
        string[] forbidden = ["MailScan.Checks", "MailScan.Worker", "MailScan.Coordinator", "MailScan.Cli"];
        Assert.Empty(Reachable(SourceProjects(), "MailScan.Redis").Intersect(forbidden));
    }

    [Fact]
    public void The_parse_result_is_below_every_other_project()
    {
        Assert.Empty(Reachable(SourceProjects(), "MailScan.Parsing"));
    }

    [Fact]
    public void The_contracts_reach_no_other_project()
    {
        Assert.Empty(Reachable(SourceProjects(), "MailScan.Contracts"));
    }

    [Fact]
    public void Every_project_of_src_has_a_test_project_named_after_it()
    {
        var missing = SourceProjects().Keys
            .Where(p => !File.Exists(Path.Combine(Root, "tests", $"{p}.Tests", $"{p}.Tests.csproj")))
            .ToList();
        Assert.True(missing.Count == 0, "no test project for: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_folder_of_test_classes_mirrors_a_folder_of_its_source_project()
    {
        var strays = new List<string>();
        foreach (var project in SourceProjects().Keys)
        {
            var tests = Path.Combine(Root, "tests", $"{project}.Tests");
            if (!Directory.Exists(tests))
                continue;
            foreach (var folder in Directory.EnumerateDirectories(tests, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(tests, folder);
                var parts = relative.Split(Path.DirectorySeparatorChar);
                // Build output and helpers apart; a folder of data only (recorded dialogues, captured answers) holds no test class.
                if (parts[0] is "bin" or "obj" || parts.Contains("Support") || !Directory.EnumerateFiles(folder, "*.cs").Any())
                    continue;
                if (!Directory.Exists(Path.Combine(Root, "src", project, relative)))
                    strays.Add(Path.GetRelativePath(Root, folder));
            }
        }
        Assert.True(strays.Count == 0, "test folders with no source folder of the same name: " + string.Join(", ", strays));
    }

    [Fact]
    public void Every_source_file_is_in_the_namespace_of_its_project()
    {
        var strays = new List<string>();
        foreach (var project in SourceProjects().Keys)
        {
            var folder = Path.Combine(Root, "src", project);
            foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            {
                if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                    continue;
                var declared = Namespace().Match(File.ReadAllText(file));
                if (declared.Success && declared.Groups[1].Value != project && !declared.Groups[1].Value.StartsWith(project + ".", StringComparison.Ordinal))
                    strays.Add($"{Path.GetRelativePath(Root, file)}: {declared.Groups[1].Value}");
            }
        }
        Assert.True(strays.Count == 0, "files outside their project's namespace: " + string.Join("; ", strays));
    }

    private static Dictionary<string, string[]> SourceProjects() =>
        Directory.EnumerateDirectories(Path.Combine(Root, "src"))
            .Select(d => Path.Combine(d, Path.GetFileName(d) + ".csproj"))
            .Where(File.Exists)
            .ToDictionary(
                p => Path.GetFileNameWithoutExtension(p),
                p => XDocument.Load(p).Descendants("ProjectReference")
                    .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
                    .ToArray(),
                StringComparer.Ordinal);

    private static HashSet<string> Reachable(Dictionary<string, string[]> projects, string from)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(projects[from]);
        while (queue.TryDequeue(out var next))
        {
            if (seen.Add(next) && projects.TryGetValue(next, out var refs))
                foreach (var r in refs)
                    queue.Enqueue(r);
        }
        return seen;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MailScanCluster.sln")))
                return dir.FullName;
        throw new InvalidOperationException("MailScanCluster.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^namespace\s+([A-Za-z0-9_.]+)\s*[;{]", RegexOptions.Multiline)]
    private static partial Regex Namespace();
}
