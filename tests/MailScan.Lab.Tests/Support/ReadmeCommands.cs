using System.Text.RegularExpressions;

namespace MailScan.Lab.Tests.Support;

/// <summary>
/// The commands README.md shows a user, read from the README itself, so a test runs what the
/// README says today and not a copy that drifted from it.
/// </summary>
internal static partial class ReadmeCommands
{
    public static string ReadmePath => Path.Combine(LabEnvironment.RepositoryRoot, "README.md");

    /// <summary>The one `./mailscan SUBCOMMAND ...` command of the README that starts with <paramref name="prefix"/>, e.g. "./mailscan worker".</summary>
    public static string Find(string prefix)
    {
        var found = Command().Matches(File.ReadAllText(ReadmePath)).Select(m => m.Groups[1].Value)
            .Where(c => c.StartsWith(prefix + " ", StringComparison.Ordinal) || c == prefix).Distinct().ToList();
        Assert.True(found.Count == 1, $"README.md should show one `{prefix} ...` command, shows {found.Count}: {string.Join(" | ", found)}");
        return found[0];
    }

    /// <summary>
    /// The arguments of a README command after `./mailscan` (which the tests run as the built
    /// assembly), with its placeholder words (URL, HOST:PORT, names.txt, ...) replaced by the lab's values.
    /// </summary>
    public static List<string> Arguments(string command, IReadOnlyDictionary<string, string> placeholders)
    {
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        Assert.Equal("./mailscan", words[0]);
        return words.Skip(1).Select(w => placeholders.TryGetValue(w, out var value) ? value : w).ToList();
    }

    [GeneratedRegex(@"`(\./mailscan [^`]+)`")]
    private static partial Regex Command();
}
