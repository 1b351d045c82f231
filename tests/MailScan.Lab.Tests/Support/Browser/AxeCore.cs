using System.Text.Json.Nodes;

namespace MailScan.Lab.Tests.Support.Browser;

/// <summary>
/// axe-core (npm, pinned in deploy/browser/package.json, installed by test.sh) run inside the page
/// in Chromium: the WCAG 2.x A and AA rules (headings, labels, contrast, names, landmarks ...).
/// </summary>
internal static class AxeCore
{
    public static string ScriptPath => Path.Combine(LabEnvironment.RepositoryRoot, "deploy", "browser", "node_modules", "axe-core", "axe.min.js");

    /// <summary>Every violation as "rule: help (n elements: first target)"; empty when the page passes.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(HeadlessChromium browser)
    {
        Assert.True(File.Exists(ScriptPath), $"{ScriptPath} is missing: run npm install --prefix deploy/browser (test.sh does)");
        await browser.EvaluateAsync(await File.ReadAllTextAsync(ScriptPath) + "\n;true");
        var result = await browser.EvaluateAsync(
            "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })" +
            ".then(r => r.violations.map(v => v.id + ': ' + v.help + ' (' + v.nodes.length + ' elements: ' + v.nodes[0].target.join(' ') + ')'))");
        return result is JsonArray violations ? violations.Select(v => (string)v!).ToList() : ["axe-core gave no result"];
    }
}
