namespace MailScan.Deploy.Tests;

/// <summary>Where the checkout these tests read lies: the folder above the test assembly that holds MailScanCluster.sln.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MailScanCluster.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("MailScanCluster.sln not found above " + AppContext.BaseDirectory);
    }
}
