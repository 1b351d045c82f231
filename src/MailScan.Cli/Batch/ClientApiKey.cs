namespace MailScan.Cli.Batch;

/// <summary>
/// The API key a client sends to a coordinator: from --api-key-file, else from MAILSCAN_API_KEY;
/// never from the command line itself, where other users of the machine could read it.
/// </summary>
internal static class ClientApiKey
{
    public const string EnvironmentVariable = "MAILSCAN_API_KEY";

    /// <summary>The key (trimmed; a file's trailing newline is no part of it), null when none is given; false with the reason when the file is unusable.</summary>
    public static bool TryRead(string? path, string? environment, out string? key, out string error)
    {
        key = null;
        error = string.Empty;
        if (path is null)
        {
            key = string.IsNullOrWhiteSpace(environment) ? null : environment.Trim();
            return true;
        }
        if (!File.Exists(path))
        {
            error = $"--api-key-file: no file '{path}'";
            return false;
        }
        var text = File.ReadAllText(path).Trim();
        if (text.Length == 0 || text.Contains('\n', StringComparison.Ordinal) || text.Length > 1024)
        {
            error = $"--api-key-file: '{path}' must hold the key alone, on one line";
            return false;
        }
        key = text;
        return true;
    }
}
