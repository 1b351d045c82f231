using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MailScan.Lab.Tests.Support;

/// <summary>
/// The fenced code blocks of a document under docs/, so a test runs the commands and programs the
/// document shows, as they stand today.
/// </summary>
internal static partial class DocumentedCommands
{
    public sealed record Run(int ExitCode, string Stdout, string Stderr);

    /// <summary>Every fenced block of <paramref name="document"/> (e.g. "docs/API.md"): its language tag and its text.</summary>
    public static IReadOnlyList<(string Language, string Text)> Blocks(string document) =>
        Fence().Matches(File.ReadAllText(Path.Combine(LabEnvironment.RepositoryRoot, document)))
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();

    /// <summary>The one block whose text contains <paramref name="marker"/>.</summary>
    public static string Block(string document, string marker, string language = "")
    {
        var found = Blocks(document).Where(b => b.Language == language && b.Text.Contains(marker, StringComparison.Ordinal)).ToList();
        Assert.True(found.Count == 1, $"{document} should have one ```{language} block with '{marker}', has {found.Count}");
        return found[0].Text;
    }

    /// <summary>A command line as the document shows it, its placeholder words replaced, run by bash in <paramref name="directory"/> with Debian's /usr/bin first on the PATH.</summary>
    public static async Task<Run> RunAsync(string line, string directory, IReadOnlyDictionary<string, string> placeholders)
    {
        var words = line.Split(' ').Select(w => placeholders.TryGetValue(w, out var value) ? value : w);
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
        start.ArgumentList.Add("-euc");
        start.ArgumentList.Add(string.Join(' ', words));
        start.Environment["PATH"] = $"/usr/bin:/bin:{Environment.GetEnvironmentVariable("PATH")}";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(limit.Token);
        return new Run(process.ExitCode, await stdout, await stderr);
    }

    [GeneratedRegex(@"^```([a-z]*)\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();
}
