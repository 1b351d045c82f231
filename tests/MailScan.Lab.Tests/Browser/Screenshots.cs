namespace MailScan.Lab.Tests.Browser;

/// <summary>Where the browser tests leave their screenshots: docs/images/, which README.md shows.</summary>
internal static class Screenshots
{
    public static string PathOf(string name) => Path.Combine(LabEnvironment.RepositoryRoot, "docs", "images", name);
}
