namespace MailScan.Lab.Tests.Support;

/// <summary>The lab Postfix's log lines of one listener (each logs under its host name, deploy/lab/lib/tlslab.sh).</summary>
internal sealed class LabServerLog(string host)
{
    private static readonly string LogFile = Path.Combine(LabEnvironment.RepositoryRoot, "deploy", "lab", ".state", "smtp", "maillog");

    private readonly string _marker = $"mailscan-lab-{(int.TryParse(Environment.GetEnvironmentVariable("LAB_INSTANCE"), out var i) ? i : 0)}/{host}/";

    /// <summary>Lines of this listener that contain <paramref name="text"/>.</summary>
    public int Count(string text)
    {
        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var count = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Contains(_marker, StringComparison.Ordinal) && line.Contains(text, StringComparison.Ordinal))
                count++;
        }
        return count;
    }

    /// <summary>The count once it reaches <paramref name="expected"/> or stops moving: Postfix writes through postlogd, a moment late.</summary>
    public async Task<int> SettledCountAsync(string text, int expected)
    {
        var count = Count(text);
        for (var attempt = 0; attempt < 30 && count < expected; attempt++)
        {
            await Task.Delay(100);
            count = Count(text);
        }
        return count;
    }
}
