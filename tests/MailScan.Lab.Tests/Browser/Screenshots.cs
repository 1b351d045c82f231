namespace MailScan.Lab.Tests.Browser;

/// <summary>
/// Where the browser tests leave their screenshots: beside the test assembly (screenshots/) on
/// every run, and in docs/images/, which README.md shows, when that picture is missing or
/// MAILSCAN_UPDATE_SCREENSHOTS is set (a permalink's id differs each run, so refreshing the
/// pictures on every run would leave the checkout changed after each test run).
/// </summary>
internal static class Screenshots
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "screenshots", name);

    /// <summary>Copies a screenshot taken by a test to docs/images/ when it is missing there or an update is asked for.</summary>
    public static void Publish(string name)
    {
        var published = Path.Combine(LabEnvironment.RepositoryRoot, "docs", "images", name);
        if (File.Exists(published) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("MAILSCAN_UPDATE_SCREENSHOTS")))
            return;
        Directory.CreateDirectory(Path.GetDirectoryName(published)!);
        File.Copy(PathOf(name), published, overwrite: true);
    }
}
